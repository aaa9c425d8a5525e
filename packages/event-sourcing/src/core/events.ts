/** What happened, in the language of the domain: a `type` tag and its data. */
export type DomainEvent<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** What someone wants to happen: a `type` tag and its data. */
export type DomainCommand<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/**
 * Tracking data carried by every stored event. `causationId` is the id of the command that
 * produced the event, `correlationId` the id shared by everything one request set in motion.
 */
export type EventMetadata = Readonly<{
  correlationId: string;
  causationId: string;
  [key: string]: unknown;
}>;

/**
 * Where an event sits in the global log. Subscribers order by transaction id first: a lower
 * global position may commit after a higher one, but never in a transaction that started later.
 */
export type LogPosition = Readonly<{
  transactionId: bigint;
  globalPosition: bigint;
}>;

export const LOG_START: LogPosition = Object.freeze({ transactionId: 0n, globalPosition: 0n });

type StoredEventEnvelope = Readonly<{
  id: string;
  metadata: EventMetadata;
  occurredAt: Date;
  streamName: string;
  streamVersion: number;
  globalPosition: bigint;
  transactionId: bigint;
  schemaVersion: number;
}>;

/**
 * A domain event as stored: the envelope adds identity, tracking and position. Distributes over
 * unions, so `ApplicationEvent<A | B>` still narrows on `type`.
 */
export type ApplicationEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? Readonly<{ type: E['type']; data: E['data'] }> & StoredEventEnvelope
  : never;

/** A domain event ready to be appended: the caller decides its id, metadata and time. */
export type EventToAppend<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? Readonly<{
      type: E['type'];
      data: E['data'];
      id: string;
      metadata: EventMetadata;
      occurredAt: Date;
      schemaVersion?: number;
    }>
  : never;

export function logPositionOf(event: Pick<StoredEventEnvelope, 'transactionId' | 'globalPosition'>): LogPosition {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}

export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}
