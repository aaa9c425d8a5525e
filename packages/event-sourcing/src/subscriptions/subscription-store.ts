import type { ApplicationEvent, LogPosition } from '../core/events';
import type { RebuildTables } from './rebuild-tables';

/** Exclusive right to run one subscription; held by one process at a time. */
export interface SubscriptionLease {
  /** False once the lock is known to be lost (e.g. its connection died). */
  isHeld(): boolean;
  release(): Promise<void>;
}

export type FailureRecord = Readonly<{
  eventId: string;
  eventType: string;
  globalPosition: bigint;
  message: string;
  attempts: number;
  failedAt: Date;
}>;

/** An event a subscription gave up on, and the last failure of its handler. */
export type ParkedEvent = Readonly<{
  eventId: string;
  eventType: string;
  streamName: string;
  position: LogPosition;
  error: string;
  attempts: number;
  /** When its handler last failed on it. */
  failedAt: Date;
}>;

/** How an operator disposed of a parked event. */
export type ParkedEventResolution = 'replayed' | 'skipped';

export type PersistedSubscriptionState = 'active' | 'failed';

export type StoredSubscription = Readonly<{
  subscriptionId: string;
  position: LogPosition;
  state: PersistedSubscriptionState;
  lastError: FailureRecord | null;
  parkedEvents: number;
  updatedAt: Date;
}>;

/** An instance running a partitioned subscription, as it announces itself to the others. */
export type SubscriptionInstance = Readonly<{ instanceId: string; heldPartitions: number }>;

/**
 * Persistence for durable subscriptions. `Tx` is what handlers receive: a handle on the transaction
 * that also moves the checkpoint, so a handler's writes and the new position commit together.
 */
export interface SubscriptionStore<Tx> {
  /**
   * Whether `commit` rolls back a handler's writes when it fails. Without transactions the
   * subscription commits event by event, so a failure never repeats already handled events.
   */
  readonly transactional: boolean;

  /** Blue/green rebuilds of read models that declare their tables; absent where the store cannot do them. */
  readonly rebuildTables?: RebuildTables<Tx>;

  tryAcquire(subscriptionId: string): Promise<SubscriptionLease | null>;

  /**
   * Whether an error means the database is unavailable. A handler failing for that reason is not
   * failing on its event: the subscription waits for the database without spending the event's retries.
   */
  isUnavailable(error: unknown): boolean;

  /**
   * The subscription's checkpoint. On first use creates it at the start of the log and runs
   * `onInitialPosition` in the same transaction. `group` names every checkpoint of the subscription
   * (one per partition, `subscriptionId` among them): they are created together, so
   * `onInitialPosition` runs once for all of them.
   */
  initialize(subscriptionId: string, onInitialPosition: (tx: Tx) => Promise<void>, group?: readonly string[]): Promise<LogPosition>;

  /**
   * Runs `work` and moves the checkpoint from `from` to `to` in one transaction. Throws
   * `CheckpointMovedError` when the stored checkpoint is no longer `from`.
   */
  commit(subscriptionId: string, from: LogPosition, to: LogPosition, work: (tx: Tx) => Promise<void>): Promise<void>;

  /** Runs `work` with a handle whose statements commit one by one, for handlers outside the checkpoint's transaction. */
  withoutTransaction(work: (tx: Tx) => Promise<void>): Promise<void>;

  /** Records the event as parked and moves the checkpoint past it, in one transaction. */
  park(subscriptionId: string, from: LogPosition, event: ApplicationEvent, failure: FailureRecord): Promise<void>;

  recordState(subscriptionId: string, state: PersistedSubscriptionState, lastError: FailureRecord | null): Promise<void>;

  find(subscriptionId: string): Promise<StoredSubscription | null>;

  list(): Promise<StoredSubscription[]>;

  /** The subscription's parked events not yet replayed or skipped, in log order. */
  listParked(subscriptionId: string): Promise<ParkedEvent[]>;

  /**
   * Runs `work` and marks the parked event resolved, in one transaction; a failing `work` leaves it
   * parked. Throws `ParkedEventNotFoundError` when it is not parked (or already resolved).
   */
  resolveParked(subscriptionId: string, eventId: string, resolution: ParkedEventResolution, work: (tx: Tx) => Promise<void>): Promise<void>;

  /** Records a failed replay on the parked event: its new error and one more attempt. */
  recordParkedFailure(subscriptionId: string, eventId: string, error: string): Promise<ParkedEvent>;

  /**
   * Forgets the checkpoints and parked events, so the next start replays from the beginning; all
   * at once, so the partitions of one subscription start over together.
   */
  reset(...subscriptionIds: string[]): Promise<void>;

  /**
   * Records that `instance` runs the subscription and holds that many of its partitions, and returns
   * every instance (this one included) that announced itself within the last `livenessMs`.
   */
  announce(subscriptionId: string, instance: SubscriptionInstance, livenessMs: number): Promise<SubscriptionInstance[]>;

  /** Takes the instance's announcement back: it stopped, and its share is free for the others at once. */
  withdraw(subscriptionId: string, instanceId: string): Promise<void>;
}
