import type { ApplicationEvent, DomainEvent, EventToAppend, LogPosition } from './events';
import type { ExpectedVersion } from './expected-version';
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

export type LogBacklog = Readonly<{
  /** Visible events after the position. */
  events: number;
  /** When the oldest of them occurred; null when there are none. */
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

  /**
   * The position of the last committed event in read order (`LOG_START` for an empty log), whether
   * or not an open transaction still hides it from `readAll`: what a reader must reach to have
   * read everything committed so far.
   */
  endOfLog(): Promise<LogPosition>;

  /** Called after appends commit, in this process and (where the adapter can) in others. */
  onAppended(listener: (notification: AppendNotification) => void): Unsubscribe;
}
