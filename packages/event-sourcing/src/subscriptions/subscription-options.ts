import type { ApplicationEvent, LogPosition } from '../core/events';
import type { FailureRecord } from './subscription-store';

export type EventHandler<Tx> = (event: ApplicationEvent, tx: Tx) => Promise<void> | void;
/** Handles several consecutive events of a page at once, in log order: e.g. one statement for all of them. */
export type EventBatchHandler<Tx> = (events: readonly ApplicationEvent[], tx: Tx) => Promise<void> | void;

/**
 * How the events of a type are handled. Consecutive events whose types share one batching
 * handler reach it in one call; every other handler gets one event per call.
 */
export type RegisteredHandler<Tx> = Readonly<{ handle: EventBatchHandler<Tx>; batches: boolean }>;
export type InitialPositionHandler<Tx> = (tx: Tx) => Promise<void> | void;

/** What to do with an event whose handler still fails after every retry. */
export type PoisonEventPolicy = 'stop' | 'park';

export type SubscriptionOptions = Readonly<{
  /** Log entries read (and handled in one transaction) per page. */
  batchSize: number;
  /** Safety-net poll while live; notifications normally wake the subscription sooner. */
  pollIntervalMs: number;
  /**
   * While live, the least time from the start of a read that found events to handle to the next
   * read: appends arriving sooner wait for the rest of it and are then handled in one page, one
   * transaction. An append after a quiet spell is read at once. 0 reads whenever woken. For read
   * models whose readers can wait that much longer, it divides their cost per event under a steady
   * stream of appends.
   */
  minReadIntervalMs: number;
  /** How often a standby instance tries to take over. */
  standbyRetryMs: number;
  /** Tries per event, the first included, before the poison policy applies. */
  maxAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  onPoisonEvent: PoisonEventPolicy;
  /** A handler still running after this long counts as failed. */
  handlerTimeoutMs: number;
  /** Persist the checkpoint after scanning this many entries no handler wanted. */
  idleCheckpointEvery: number;
  /**
   * Run handlers inside the transaction that moves the checkpoint, so what they write through `tx`
   * happens exactly once. Turn it off for handlers that act elsewhere, such as automations sending
   * commands (which append in transactions of their own): they then run before the checkpoint
   * moves, at least once, and must be idempotent. On a single-connection database (PGlite) such a
   * handler would otherwise wait on the very transaction it runs in.
   */
  transactionalHandlers: boolean;
  /**
   * How many partitions it runs as (1 to `MAX_PARTITIONS`). Each owns the streams whose names hash
   * to it, handles their events in log order, and has its own checkpoint and lease; the instances
   * running the subscription share the partitions. For handlers that need order only within a
   * stream. Changing it starts the subscription over (`onInitialPosition`, then every event again):
   * change it together with the subscription's version.
   */
  partitions: number;
  /**
   * How long a blue/green rebuild's switch keeps the live partitions paused for the rebuild's to
   * reach them before it gives up, lets them go and reports the rebuild failed. Caught up before
   * the switch began, they need a page or so; failing to within this long means they cannot
   * proceed, e.g. the pool's connections are all held by the switch and the live commits waiting
   * on it. Meanwhile the switch's open transaction holds back every subscription's reads on the
   * server (ADR 0027).
   */
  rebuildSwitchTimeoutMs: number;
}>;

export const DEFAULT_SUBSCRIPTION_OPTIONS: SubscriptionOptions = {
  batchSize: 500,
  pollIntervalMs: 1_000,
  minReadIntervalMs: 0,
  standbyRetryMs: 1_000,
  maxAttempts: 5,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 5_000,
  onPoisonEvent: 'stop',
  handlerTimeoutMs: 30_000,
  idleCheckpointEvery: 1_000,
  transactionalHandlers: true,
  partitions: 1,
  rebuildSwitchTimeoutMs: 15_000,
};

/** `waiting`: holds events back until a subscription whose read model it reads has handled what precedes them. */
export type SubscriptionState = 'stopped' | 'starting' | 'standby' | 'catching-up' | 'waiting' | 'live' | 'retrying' | 'failed';

/** While `waiting`: the subscription it reads from that has yet to handle everything up to `position`. */
export type WaitingFor = Readonly<{ subscriptionId: string; position: LogPosition }>;

export type SubscriptionStatus = Readonly<{
  subscriptionId: string;
  state: SubscriptionState;
  /** Whether this process currently holds the subscription's lease (with partitions: one of them). */
  active: boolean;
  /** The slowest partition's position. */
  position: LogPosition | null;
  /** Events after its position: exact up to `EXACT_BACKLOG_LIMIT`, estimated from positions beyond. */
  lagEvents: number;
  /** Whether `lagEvents` was counted rather than estimated. */
  lagExact: boolean;
  lagSeconds: number;
  lastError: FailureRecord | null;
  parkedEvents: number;
  processedEvents: number;
  handlerFailures: number;
  waitingFor: WaitingFor | null;
  partitions: PartitionsStatus;
}>;

/** How many partitions the subscription runs as, and which of them this process leads now. */
export type PartitionsStatus = Readonly<{ count: number; held: readonly number[] }>;
/**
 * A blue/green rebuild: `building` the new copy while the old one serves, `switching` it in,
 * `switched` (it serves now), or `failed`, leaving the old one serving; a new rebuild starts over.
 */
export type RebuildState = 'building' | 'switching' | 'switched' | 'failed';

export type RebuildStatus = Readonly<{
  state: RebuildState;
  /** The rebuilt copy's checkpoint (its slowest partition's); null before it has one. */
  position: LogPosition | null;
  /** Events after its position still to handle. */
  lagEvents: number;
  /** Why it failed (a handler that kept failing, the switch, or the process running it ended). */
  lastError: string | null;
}>;

/** Runs once a transaction that handled events has committed. */
export type AfterCommitHandler = () => Promise<void> | void;

export type SubscriptionDefinition<Tx> = Readonly<{
  subscriptionId: string;
  onInitialPosition: InitialPositionHandler<Tx>;
  handlers: ReadonlyMap<string, RegisteredHandler<Tx>>;
  afterCommit: AfterCommitHandler;
  options: SubscriptionOptions;
  /** Ids of the subscriptions whose read models its handlers read (see `SubscriptionBuilder.readsFrom`). */
  readsFrom: readonly string[];
  /** The tables its handlers write and nothing else does (see `SubscriptionBuilder.ownsTables`). */
  ownedTables: readonly string[];
}>;
