import { EventSourcingError } from './errors';
import type { EventStore } from './event-store';
import type { ApplicationEvent, DomainEvent } from './events';
import type { StreamName } from './stream-name';

export type StreamCategorySummary = Readonly<{
  category: string;
  /** Streams of the category with at least one event. */
  streams: number;
  events: number;
}>;

export type StreamSummary = Readonly<{
  streamName: string;
  /** Position of the stream's last event: the number of its events. */
  version: number;
  /** The latest `occurredAt` of its events. */
  lastEventAt: Date;
}>;

export type ListStreamsOptions = Readonly<{
  category: string;
  /** Only streams whose id (the part after `<Category>_`) contains this text, ignoring case. */
  search?: string;
  /** Exclusive: streams whose name sorts after this one (a cursor: the last name of the previous page). */
  after?: string;
  limit: number;
}>;

export type ReadStreamPageOptions = Readonly<{
  /** Exclusive: events at stream positions after this one; 0 from the start. */
  afterVersion: number;
  limit: number;
}>;

export type StreamPage<E extends DomainEvent = DomainEvent> = Readonly<{
  /** Up to `limit` events after `afterVersion`, in stream order. */
  events: ApplicationEvent<E>[];
  /** Position of the stream's last event; 0 when the stream has none. */
  currentVersion: number;
}>;

/**
 * An optional capability of an event store: what streams it holds, for tools that browse the log
 * (a developer console). Streams are listed by name in code point order, the order of the keyset
 * cursor `after`, so every adapter pages the same way. Optional for the same reason as
 * `CorrelatedEventsReader`: the application never needs it, and a store answers it cheaply only
 * with an index of its own (the PostgreSQL adapter has one, migration 6).
 */
export interface StreamCatalog {
  /** Every category with events, by name. */
  listCategories(): Promise<StreamCategorySummary[]>;

  /** One page of a category's streams, by name. */
  listStreams(options: ListStreamsOptions): Promise<StreamSummary[]>;

  /** One page of a stream's events: what `readStream` reads, a page at a time, for streams too long to read at once. */
  readStreamPage<E extends DomainEvent = DomainEvent>(streamName: StreamName, options: ReadStreamPageOptions): Promise<StreamPage<E>>;
}

export class StreamCatalogUnsupportedError extends EventSourcingError {
  readonly code = 'STREAM_CATALOG_UNSUPPORTED';

  constructor() {
    super('This event store cannot list its streams');
  }
}

/** A page size that is not a positive integer, or a version that is not a non-negative one. */
export class InvalidCatalogQueryError extends EventSourcingError {
  readonly code = 'INVALID_CATALOG_QUERY';

  constructor(message: string) {
    super(message);
  }
}

/** Checks the paging options every adapter shares, before any of them queries. */
export function assertPageOptions(options: Readonly<{ limit: number; afterVersion?: number }>): void {
  if (!Number.isSafeInteger(options.limit) || options.limit < 1) throw new InvalidCatalogQueryError(`Limit must be a positive integer, got ${options.limit}`);
  if (options.afterVersion !== undefined && (!Number.isSafeInteger(options.afterVersion) || options.afterVersion < 0)) {
    throw new InvalidCatalogQueryError(`After version must be a non-negative integer, got ${options.afterVersion}`);
  }
}

export function hasStreamCatalog(store: EventStore): store is EventStore & StreamCatalog {
  const catalog = store as Partial<StreamCatalog>;
  return typeof catalog.listCategories === 'function' && typeof catalog.listStreams === 'function' && typeof catalog.readStreamPage === 'function';
}

/** The store's catalog; a store without one, or a decorator over one, fails the same way. */
export function streamCatalogOf(store: EventStore): StreamCatalog {
  if (!hasStreamCatalog(store)) throw new StreamCatalogUnsupportedError();
  return store;
}

/**
 * Compares by code point, as PostgreSQL's "C" collation compares UTF-8 bytes; `<` on strings
 * compares UTF-16 code units, which puts characters beyond U+FFFF before U+E000–U+FFFF.
 */
export function compareByCodePoint(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}

/** The id part of a stream name contains the search text, ignoring case; a blank search matches every stream. */
export function streamIdMatches(streamName: string, search: string | undefined): boolean {
  if (search === undefined || search === '') return true;
  return streamName.slice(streamName.indexOf('_') + 1).toLowerCase().includes(search.toLowerCase());
}
