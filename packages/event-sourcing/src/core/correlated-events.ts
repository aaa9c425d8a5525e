import { EventSourcingError } from './errors';
import type { EventStore } from './event-store';
import type { ApplicationEvent } from './events';

/**
 * An optional capability of an event store: every event one request set in motion, found by the
 * correlation id in its metadata. Optional because the port's other readers never need it and a
 * store can only answer it cheaply with an index of its own (the PostgreSQL adapter has one).
 */
export interface CorrelatedEventsReader {
  /** The events whose metadata carries `correlationId`, in global position order; none when unknown. */
  readByCorrelationId(correlationId: string): Promise<ApplicationEvent[]>;
}

export class CorrelationReadUnsupportedError extends EventSourcingError {
  readonly code = 'CORRELATION_READ_UNSUPPORTED';

  constructor() {
    super('This event store cannot read events by correlation id');
  }
}

export function canReadByCorrelationId(store: EventStore): store is EventStore & CorrelatedEventsReader {
  return typeof (store as Partial<CorrelatedEventsReader>).readByCorrelationId === 'function';
}

/** Reads through a store that has the capability; a decorator over one that lacks it fails the same way. */
export function readByCorrelationId(store: EventStore, correlationId: string): Promise<ApplicationEvent[]> {
  if (!canReadByCorrelationId(store)) throw new CorrelationReadUnsupportedError();
  return store.readByCorrelationId(correlationId);
}
