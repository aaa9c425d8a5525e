import { setTimeout as sleep } from 'node:timers/promises';
import { CheckpointMovedError } from '../core/errors';
import type { EventStore, Unsubscribe } from '../core/event-store';
import { compareLogPositions, logPositionOf, type ApplicationEvent, type LogPosition } from '../core/events';
import type { SdkLogger } from '../core/logger';
import { ReadDependencies, type ReadDependency } from './read-dependencies';
import type { FailureRecord, SubscriptionLease, SubscriptionStore } from './subscription-store';
import { Wakeup } from './wakeup';

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
}>;

export const DEFAULT_SUBSCRIPTION_OPTIONS: SubscriptionOptions = {
  batchSize: 500,
  pollIntervalMs: 1_000,
  standbyRetryMs: 1_000,
  maxAttempts: 5,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 5_000,
  onPoisonEvent: 'stop',
  handlerTimeoutMs: 30_000,
  idleCheckpointEvery: 1_000,
  transactionalHandlers: true,
};

/** `waiting`: holds events back until a subscription whose read model it reads has handled what precedes them. */
export type SubscriptionState = 'stopped' | 'starting' | 'standby' | 'catching-up' | 'waiting' | 'live' | 'retrying' | 'failed';

/** While `waiting`: the subscription it reads from that has yet to handle everything up to `position`. */
export type WaitingFor = Readonly<{ subscriptionId: string; position: LogPosition }>;

export type SubscriptionStatus = Readonly<{
  subscriptionId: string;
  state: SubscriptionState;
  /** Whether this process currently holds the subscription's lease. */
  active: boolean;
  position: LogPosition | null;
  lagEvents: number;
  lagSeconds: number;
  lastError: FailureRecord | null;
  parkedEvents: number;
  processedEvents: number;
  handlerFailures: number;
  waitingFor: WaitingFor | null;
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
}>;

/** A `caughtUp()` call: satisfied once the handled pages reach `endOfLog`, the log's end at the call. */
type CaughtUpWaiter = Readonly<{ endOfLog: LogPosition; resolve: () => void; reject: (error: Error) => void }>;

/** While a `caughtUp()` waits on events an open transaction hides, the log is read again this soon. */
const HIDDEN_EVENTS_POLL_MS = 10;

/**
 * Appends of types a subscription does not handle are scanned past at most this long after
 * them, in one read however many came: its position and lag then follow the log within a
 * fraction of a second, not a whole poll interval, while a busy log costs it a few reads a second.
 */
const SCAN_PAST_UNHANDLED_MS = 250;

/** Polling for a dependency starts this fast and slows down to the maximum. */
const DEPENDENCY_POLL_FIRST_MS = 20;
const DEPENDENCY_POLL_MAX_MS = 1_000;
const DEPENDENCY_WARNING_EVERY_MS = 10_000;

class HandlerFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * A durable subscription: delivers each event it handles exactly once per committed checkpoint,
 * catching up in pages and then following the log live. One process runs it at a time.
 */
export class EventsSubscription<Tx> {
  private readonly wakeup = new Wakeup();
  private running = false;
  private loop: Promise<void> | null = null;
  private currentState: SubscriptionState = 'stopped';
  private lease: SubscriptionLease | null = null;
  private position: LogPosition | null = null;
  private lastError: FailureRecord | null = null;
  private processedEvents = 0;
  private handlerFailures = 0;
  private parkedEvents = 0;
  private notifiedUpTo = 0n;
  private highestSeen = 0n;
  private unsubscribeFromAppends: Unsubscribe | null = null;
  private caughtUpWaiters: CaughtUpWaiter[] = [];
  private readDependencies: ReadDependencies | null = null;
  private waitingFor: WaitingFor | null = null;
  private scanPastUnhandled: NodeJS.Timeout | null = null;

  /**
   * @param resolveReadDependencies the subscriptions it reads from, with the event types they handle;
   *   asked on start, when every subscription is built, and throws on one that is not defined.
   */
  constructor(
    private readonly definition: SubscriptionDefinition<Tx>,
    private readonly eventStore: EventStore,
    private readonly store: SubscriptionStore<Tx>,
    private readonly logger: SdkLogger,
    private readonly resolveReadDependencies: () => readonly ReadDependency[] = () => [],
    /** Tells the process's other subscriptions that this one committed (see `onCommitElsewhere`). */
    private readonly announceCommit: () => void = () => undefined,
  ) {}

  get subscriptionId(): string {
    return this.definition.subscriptionId;
  }

  /** The state right now, without touching the database (see `status()` for the full picture). */
  get state(): SubscriptionState {
    return this.currentState;
  }

  /** Starts following the log in the background; returns at once. */
  async start(): Promise<void> {
    if (this.running) return;
    const readDependencies = this.resolveReadDependencies();
    this.readDependencies =
      readDependencies.length > 0 ? new ReadDependencies(readDependencies, this.eventStore, this.store, this.definition.options.batchSize) : null;
    this.running = true;
    this.currentState = 'starting';
    this.unsubscribeFromAppends = this.eventStore.onAppended(({ lastGlobalPosition, eventTypes }) => {
      // Appends of nothing it handles need no read now: the next relevant append or the poll moves
      // it past them. Unless an older transaction hides an event it was told of: this commit may be that one.
      if (eventTypes && !eventTypes.some((type) => this.definition.handlers.has(type))) {
        this.onCommitElsewhere();
        this.scheduleScanPastUnhandled();
        return;
      }
      if (lastGlobalPosition > this.notifiedUpTo) this.notifiedUpTo = lastGlobalPosition;
      this.wakeup.signal();
    });
    this.loop = this.run();
  }

  /**
   * Another transaction of this process committed. Reads only see events older than every open
   * transaction, so one it was told of may be waiting for exactly that commit: look again now
   * rather than at the next poll.
   */
  onCommitElsewhere(): void {
    if (this.highestSeen < this.notifiedUpTo) this.wakeup.signal();
  }

  private scheduleScanPastUnhandled(): void {
    this.scanPastUnhandled ??= setTimeout(() => {
      this.scanPastUnhandled = null;
      this.wakeup.signal();
    }, SCAN_PAST_UNHANDLED_MS);
  }

  /** Stops after the page in progress; waits at most `timeoutMs` for it. */
  async stop(timeoutMs = 1_000): Promise<void> {
    if (!this.running && !this.loop) return;
    this.running = false;
    this.unsubscribeFromAppends?.();
    this.unsubscribeFromAppends = null;
    clearTimeout(this.scanPastUnhandled ?? undefined);
    this.scanPastUnhandled = null;
    this.wakeup.signal();
    const loop = this.loop;
    if (loop) await Promise.race([loop, sleep(timeoutMs)]);
    this.loop = null;
    if (this.currentState !== 'failed') this.currentState = 'stopped';
    this.rejectWaiters(new Error(`Subscription "${this.subscriptionId}" stopped`));
  }

  /** Resolves the waiters whose end of the log lies at or behind `scanned`, everything before it handled. */
  private resolveWaitersReaching(scanned: LogPosition): void {
    const isSatisfied = (waiter: CaughtUpWaiter) => compareLogPositions(scanned, waiter.endOfLog) >= 0;
    const satisfied = this.caughtUpWaiters.filter(isSatisfied);
    this.caughtUpWaiters = this.caughtUpWaiters.filter((waiter) => !isSatisfied(waiter));
    satisfied.forEach((waiter) => waiter.resolve());
  }

  private rejectWaiters(error: Error): void {
    this.caughtUpWaiters.splice(0).forEach((waiter) => waiter.reject(error));
  }

  /**
   * Resolves once the subscription has handled every event committed before the call, including
   * those a transaction still open elsewhere on the server hides from reads for now; rejects if it
   * stops or fails first. Lets tests and tools wait for a projection without sleeping.
   */
  async caughtUp(): Promise<void> {
    const notRunning = () => new Error(`Subscription "${this.subscriptionId}" is not running`);
    if (!this.running) throw notRunning();
    const endOfLog = await this.eventStore.endOfLog();
    if (!this.running) throw notRunning();
    await new Promise<void>((resolve, reject) => {
      this.caughtUpWaiters.push({ endOfLog, resolve, reject });
      this.wakeup.signal();
    });
  }

  async status(): Promise<SubscriptionStatus> {
    const stored = await this.store.find(this.subscriptionId);
    const position = this.lease ? this.position : (stored?.position ?? null);
    const backlog = position ? await this.eventStore.backlogAfter(position) : { events: 0, oldestOccurredAt: null };
    const lagSeconds = backlog.oldestOccurredAt ? Math.max(0, (Date.now() - backlog.oldestOccurredAt.getTime()) / 1000) : 0;
    return {
      subscriptionId: this.subscriptionId,
      state: this.currentState,
      active: this.lease?.isHeld() ?? false,
      position,
      lagEvents: backlog.events,
      lagSeconds,
      lastError: this.lastError ?? stored?.lastError ?? null,
      parkedEvents: stored?.parkedEvents ?? this.parkedEvents,
      processedEvents: this.processedEvents,
      handlerFailures: this.handlerFailures,
      waitingFor: this.waitingFor,
    };
  }

  private async run(): Promise<void> {
    let consecutiveErrors = 0;
    while (this.running) {
      let lease: SubscriptionLease | null = null;
      try {
        lease = await this.store.tryAcquire(this.subscriptionId);
        if (!lease) {
          this.currentState = 'standby';
          await this.wakeup.wait(this.definition.options.standbyRetryMs);
          continue;
        }
        this.lease = lease;
        await this.lead(lease);
        consecutiveErrors = 0;
      } catch (error) {
        if (error instanceof CheckpointMovedError) {
          this.logger.warn('Subscription lost its checkpoint to another process; standing by', { subscriptionId: this.subscriptionId });
        } else {
          consecutiveErrors += 1;
          this.currentState = 'retrying';
          this.logger.error('Subscription interrupted; will retry', { subscriptionId: this.subscriptionId, error: describe(error) });
          await this.pause(this.backoff(consecutiveErrors));
        }
      } finally {
        this.lease = null;
        await lease?.release().catch(() => undefined);
      }
      if (this.currentState === 'failed') return;
    }
  }

  private async lead(lease: SubscriptionLease): Promise<void> {
    const { options } = this.definition;
    this.currentState = 'catching-up';
    let persisted = await this.store.initialize(this.subscriptionId, async (tx) => this.definition.onInitialPosition(tx));
    let scanned = persisted;
    let scannedSincePersisted = 0;
    this.position = persisted;
    this.lastError = null;
    const eventTypes = [...this.definition.handlers.keys()];

    while (this.running && lease.isHeld()) {
      const page = await this.eventStore.readAll({ after: scanned, limit: options.batchSize, filter: { eventTypes } });
      if (page.highestScannedGlobalPosition > this.highestSeen) this.highestSeen = page.highestScannedGlobalPosition;

      if (page.events.length > 0) {
        if (!(await this.waitForReadDependencies(logPositionOf(page.events.at(-1)!), lease))) return;
        const reached = await this.handle(persisted, page.events, page.lastScannedPosition);
        if (!reached) return;
        persisted = scanned = reached;
        scannedSincePersisted = 0;
      } else if (compareLogPositions(page.lastScannedPosition, scanned) > 0) {
        // Entries no handler wants: remember them in memory, persist only now and then.
        scanned = page.lastScannedPosition;
        scannedSincePersisted += page.scannedCount;
        if (scannedSincePersisted >= options.idleCheckpointEvery) {
          await this.store.commit(this.subscriptionId, persisted, scanned, async () => undefined);
          persisted = scanned;
          scannedSincePersisted = 0;
        }
      }
      this.position = scanned;

      if (page.isEndOfLog) {
        this.resolveWaitersReaching(scanned);
        this.currentState = 'live';
        // An event it was told of, or one a waiter needs, may still sit behind an older open transaction: look again soon.
        const waitMs = this.highestSeen < this.notifiedUpTo || this.caughtUpWaiters.length > 0 ? HIDDEN_EVENTS_POLL_MS : jittered(options.pollIntervalMs);
        await this.wakeup.wait(waitMs);
      } else {
        this.currentState = 'catching-up';
      }
    }
  }

  /**
   * Holds the page back until every subscription it reads from has handled everything up to
   * `position`, its last event, so a handler never looks up what is merely not projected yet. A
   * wait spends none of the events' attempts: once the dependencies have passed, a failure is
   * genuine. A failed dependency makes it wait for good, which the state, `waitingFor` and a
   * periodic warning show. Returns false when stopped or the lease is lost.
   */
  private async waitForReadDependencies(position: LogPosition, lease: SubscriptionLease): Promise<boolean> {
    if (!this.readDependencies) return true;
    const startedAt = Date.now();
    let warnedAt = startedAt;
    let pollMs = DEPENDENCY_POLL_FIRST_MS;
    try {
      let behind = await this.readDependencies.firstBehind(position);
      while (behind !== null) {
        this.currentState = 'waiting';
        this.waitingFor = { subscriptionId: behind, position };
        if (Date.now() - warnedAt >= DEPENDENCY_WARNING_EVERY_MS) {
          warnedAt = Date.now();
          this.logger.warn('Subscription waits for a subscription it reads from', {
            subscriptionId: this.subscriptionId,
            readsFrom: behind,
            globalPosition: position.globalPosition.toString(),
            waitingMs: warnedAt - startedAt,
          });
        }
        await this.pause(pollMs);
        if (!this.running || !lease.isHeld()) return false;
        pollMs = Math.min(pollMs * 2, DEPENDENCY_POLL_MAX_MS);
        behind = await this.readDependencies.firstBehind(position);
      }
      if (this.currentState === 'waiting') this.currentState = 'catching-up';
      return true;
    } finally {
      this.waitingFor = null;
    }
  }

  /**
   * Handles `events` and moves the checkpoint to `to`. On a handler failure commits what came
   * before it, retries the failing event alone, then goes on. Returns null when stopped or failed.
   */
  private async handle(from: LogPosition, events: readonly ApplicationEvent[], to: LogPosition): Promise<LogPosition | null> {
    if (!this.handlersAreAtomic() && events.length > 1) return this.handleOneByOne(from, events, to);
    try {
      await this.handleAndCommit(from, to, (tx) => this.invokeAll(events, tx));
      this.processedEvents += events.length;
      this.position = to;
      return to;
    } catch (error) {
      if (!(error instanceof HandlerFailure)) throw error;
      this.handlerFailures += 1;
      const failedEvent = events[error.index]!;
      let position: LogPosition | null = from;
      if (error.index > 0) {
        position = await this.handle(from, events.slice(0, error.index), logPositionOf(events[error.index - 1]!));
        if (!position) return null;
      }
      position = await this.retryAlone(position, failedEvent, error.cause);
      if (!position) return null;
      const rest = events.slice(error.index + 1);
      if (rest.length === 0) {
        if (compareLogPositions(to, position) > 0) await this.store.commit(this.subscriptionId, position, to, async () => undefined);
        return to;
      }
      return this.handle(position, rest, to);
    }
  }

  private handlersAreAtomic(): boolean {
    return this.store.transactional && this.definition.options.transactionalHandlers;
  }

  /** Runs the handlers and moves the checkpoint: in one transaction, or handlers first when they act elsewhere. */
  private async handleAndCommit(from: LogPosition, to: LogPosition, work: (tx: Tx) => Promise<void>): Promise<void> {
    if (this.handlersAreAtomic()) {
      await this.store.commit(this.subscriptionId, from, to, work);
    } else {
      await this.store.withoutTransaction(work);
      await this.store.commit(this.subscriptionId, from, to, async () => undefined);
    }
    this.announceCommit();
    await this.afterCommit();
  }

  /** Side effects that must wait for the commit; their failure cannot undo it, so it is only logged. */
  private async afterCommit(): Promise<void> {
    try {
      await this.definition.afterCommit();
    } catch (error) {
      this.logger.warn('After-commit handler failed', { subscriptionId: this.subscriptionId, error: describe(error) });
    }
  }

  private async handleOneByOne(from: LogPosition, events: readonly ApplicationEvent[], to: LogPosition): Promise<LogPosition | null> {
    let position: LogPosition | null = from;
    for (const event of events) {
      position = await this.handle(position, [event], logPositionOf(event));
      if (!position) return null;
    }
    if (compareLogPositions(to, position) > 0) await this.store.commit(this.subscriptionId, position, to, async () => undefined);
    return to;
  }

  private async retryAlone(from: LogPosition, event: ApplicationEvent, firstCause: unknown): Promise<LogPosition | null> {
    const { options } = this.definition;
    const to = logPositionOf(event);
    let cause = firstCause;
    for (let attempt = 2; attempt <= options.maxAttempts; attempt++) {
      this.recordFailure(event, cause, attempt - 1);
      this.currentState = 'retrying';
      await this.pause(this.backoff(attempt - 1));
      if (!this.running) return null;
      try {
        await this.handleAndCommit(from, to, async (tx) => this.invoke([event], tx, 0));
        this.processedEvents += 1;
        this.currentState = 'catching-up';
        return to;
      } catch (error) {
        if (!(error instanceof HandlerFailure)) throw error;
        this.handlerFailures += 1;
        cause = error.cause;
      }
    }

    const failure = this.recordFailure(event, cause, options.maxAttempts);
    if (options.onPoisonEvent === 'park') {
      await this.store.park(this.subscriptionId, from, event, failure);
      this.parkedEvents += 1;
      this.logger.warn('Event parked after repeated handler failures', { subscriptionId: this.subscriptionId, ...logged(failure) });
      this.currentState = 'catching-up';
      return to;
    }
    this.currentState = 'failed';
    this.running = false;
    this.rejectWaiters(new Error(`Subscription "${this.subscriptionId}" failed: ${failure.message}`));
    await this.store.recordState(this.subscriptionId, 'failed', failure);
    this.logger.error('Subscription stopped: handler keeps failing', { subscriptionId: this.subscriptionId, ...logged(failure) });
    return null;
  }

  /** Hands `events` to their handlers in order, runs of a batching handler's events in one call each. */
  private async invokeAll(events: readonly ApplicationEvent[], tx: Tx): Promise<void> {
    const { handlers } = this.definition;
    for (let start = 0; start < events.length; ) {
      const handler = handlers.get(events[start]!.type);
      let end = start + 1;
      if (handler?.batches) while (end < events.length && handlers.get(events[end]!.type) === handler) end++;
      await this.invoke(events.slice(start, end), tx, start);
      start = end;
    }
  }

  /**
   * Runs the handler of `events` (all of one handler). A failure is pinned on the first of them,
   * at `index` in the page: retried alone, it succeeds or proves the poison, and the rest follows.
   */
  private async invoke(events: readonly ApplicationEvent[], tx: Tx, index: number): Promise<void> {
    const handler = this.definition.handlers.get(events[0]!.type);
    if (!handler) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Handler timed out after ${this.definition.options.handlerTimeoutMs} ms`)), this.definition.options.handlerTimeoutMs);
    });
    const handling = Promise.resolve().then(() => handler.handle(events, tx));
    // A timed-out handler may still settle later; its outcome no longer matters.
    handling.catch(() => undefined);
    try {
      await Promise.race([handling, timeout]);
    } catch (cause) {
      // The database is down, not the event bad: the run loop waits for it, retries left intact.
      if (this.store.isUnavailable(cause)) throw cause;
      throw new HandlerFailure(index, cause);
    } finally {
      clearTimeout(timer);
    }
  }

  private recordFailure(event: ApplicationEvent, cause: unknown, attempts: number): FailureRecord {
    this.lastError = {
      eventId: event.id,
      eventType: event.type,
      globalPosition: event.globalPosition,
      message: describe(cause),
      attempts,
      failedAt: new Date(),
    };
    return this.lastError;
  }

  /**
   * Sleeps through a back-off or a poll. New appends wake the subscription, but must not cut this
   * short: otherwise a failing handler is retried as often as events arrive. Only `stop()` ends it early.
   */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.running && Date.now() < until) await this.wakeup.wait(until - Date.now());
  }

  private backoff(retry: number): number {
    const { retryBaseDelayMs, retryMaxDelayMs } = this.definition.options;
    const ceiling = Math.min(retryMaxDelayMs, retryBaseDelayMs * 2 ** (retry - 1));
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }
}

/**
 * A poll interval spread over ±50%: subscriptions started together would otherwise poll together,
 * each reading a page, and take the pool's connections from requests all at once.
 */
function jittered(intervalMs: number): number {
  return intervalMs * (0.5 + Math.random());
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function logged(failure: FailureRecord): Record<string, unknown> {
  return { ...failure, globalPosition: failure.globalPosition.toString() };
}
