import type { ApplicationEvent, DomainEvent, EventToAppend, LogPosition } from './events';
import type { ExpectedVersion } from './expected-version';
import type { Partition } from './stream-partition';
import type { StreamName } from './stream-name';

export type ReadStreamResult<E extends DomainEvent = DomainEvent> = Readonly<{
  events: ApplicationEvent<E>[];
  /** Position of the stream's last event; 0 when the stream has none. */
  currentVersion: number;
}>;

export type AppendResult<E extends DomainEvent = DomainEvent> = Readonly<{
  nextExpectedVersion: number;
  lastGlobalPosition: bigint;
  /** The appended events as stored, with their positions. */
  events: ApplicationEvent<E>[];
}>;

export type EventFilter = Readonly<{
  categories?: readonly string[];
  eventTypes?: readonly string[];
  /** Only events of the streams this partition owns (`partitionOfStream`). */
  partition?: Partition;
}>;

export type ReadAllOptions = Readonly<{
  /** Exclusive: events strictly after this position. */
  after: LogPosition;
  /** How many log entries to scan, matching or not. */
  limit: number;
  filter?: EventFilter;
}>;

export type ReadAllPage = Readonly<{
  /** The scanned entries that match the filter, in log order. */
  events: ApplicationEvent[];
  /**
   * The last entry scanned, matching or not: a reader resumes from here, so entries no one asked
   * for are not scanned twice. Equals `after` when nothing new is visible.
   */
  lastScannedPosition: LogPosition;
  /** How many entries were scanned, matching or not. */
  scannedCount: number;
  /** Highest global position scanned in this page; 0 when none. */
  highestScannedGlobalPosition: bigint;
  /** Fewer entries than `limit` were visible: the reader has reached the end of the log for now. */
  isEndOfLog: boolean;
}>;

/**
 * Up to this many events, a backlog is counted exactly; beyond, it is estimated from positions, so
 * asking costs the same whether a reader is 2,000 or 2,000,000 events behind (a health check, a
 * status page, a progress bar ask often).
 */
export const EXACT_BACKLOG_LIMIT = 1_000;

/** The backlog of a reader with nothing left to read. */
export const NO_BACKLOG: LogBacklog = { events: 0, exact: true, oldestOccurredAt: null };

export type LogBacklog = Readonly<{
  /**
   * Events after the position: counted when at most `EXACT_BACKLOG_LIMIT`, otherwise estimated
   * from global positions (at least `EXACT_BACKLOG_LIMIT + 1`; positions an aborted append used
   * up count too).
   */
  events: number;
  /** Whether `events` was counted rather than estimated. */
  exact: boolean;
  /** When the first of them in read order occurred; null when there are none. */
  oldestOccurredAt: Date | null;
}>;

export type AppendNotification = Readonly<{
  lastGlobalPosition: bigint;
  /**
   * The types of the events appended, when the notification is about known appends (this
   * process's own); absent when it may cover anything (another process's, a reconnect).
   */
  eventTypes?: readonly string[];
}>;
export type Unsubscribe = () => void;

/**
 * The event store port. Appends are a compare-and-set on the stream's version; `readAll` never
 * returns an event while an earlier-starting transaction might still commit one before it.
 */
export interface EventStore {
  readStream<E extends DomainEvent = DomainEvent>(streamName: StreamName): Promise<ReadStreamResult<E>>;

  appendToStream<E extends DomainEvent = DomainEvent>(
    streamName: StreamName,
    events: readonly EventToAppend<E>[],
    options: Readonly<{ expectedVersion: ExpectedVersion }>,
  ): Promise<AppendResult<E>>;

  readAll(options: ReadAllOptions): Promise<ReadAllPage>;

  backlogAfter(position: LogPosition): Promise<LogBacklog>;

  /** The backlog after each of `positions`, in their order, in one round trip: what a status page of many readers asks. */
  backlogsAfter(positions: readonly LogPosition[]): Promise<LogBacklog[]>;

  /**
   * The position of the last committed event in read order (`LOG_START` for an empty log), whether
   * or not an open transaction still hides it from `readAll`: what a reader must reach to have
   * read everything committed so far.
   */
  endOfLog(): Promise<LogPosition>;

  /** Called after appends commit, in this process and (where the adapter can) in others. */
  onAppended(listener: (notification: AppendNotification) => void): Unsubscribe;
}
