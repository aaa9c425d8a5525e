import { setTimeout as sleep } from 'node:timers/promises';
import { CheckpointMovedError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import { compareLogPositions, logPositionOf, type ApplicationEvent, type LogPosition } from '../core/events';
import type { SdkLogger } from '../core/logger';
import { AppendWatch } from './append-watch';
import { CaughtUpWaiters } from './caught-up-waiters';
import { HandlerFailure, invokeHandlers } from './handler-invocation';
import { handlePageIsolatingFailures } from './page-failure-isolation';
import { ReadDependencies, type ReadDependency } from './read-dependencies';
import type { SubscriptionDefinition, SubscriptionState, SubscriptionStatus, WaitingFor } from './subscription-options';
import type { FailureRecord, SubscriptionLease, SubscriptionStore } from './subscription-store';
import { Wakeup } from './wakeup';

/** While a `caughtUp()` waits on events an open transaction hides, the log is read again this soon. */
const HIDDEN_EVENTS_POLL_MS = 10;

/** Polling for a dependency starts this fast and slows down to the maximum. */
const DEPENDENCY_POLL_FIRST_MS = 20;
const DEPENDENCY_POLL_MAX_MS = 1_000;
const DEPENDENCY_WARNING_EVERY_MS = 10_000;

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
  private readonly appends = new AppendWatch(this.wakeup, (eventType) => this.definition.handlers.has(eventType));
  private readonly caughtUpWaiters = new CaughtUpWaiters();
  private readDependencies: ReadDependencies | null = null;
  private waitingFor: WaitingFor | null = null;

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
    this.appends.start(this.eventStore);
    this.loop = this.run();
  }

  /**
   * Another transaction of this process committed. Reads only see events older than every open
   * transaction, so one it was told of may be waiting for exactly that commit: look again now
   * rather than at the next poll.
   */
  onCommitElsewhere(): void {
    this.appends.onCommitElsewhere();
  }

  /** Stops after the page in progress; waits at most `timeoutMs` for it. */
  async stop(timeoutMs = 1_000): Promise<void> {
    if (!this.running && !this.loop) return;
    this.running = false;
    this.appends.stop();
    this.wakeup.signal();
    const loop = this.loop;
    if (loop) await Promise.race([loop, sleep(timeoutMs)]);
    this.loop = null;
    if (this.currentState !== 'failed') this.currentState = 'stopped';
    this.caughtUpWaiters.rejectAll(new Error(`Subscription "${this.subscriptionId}" stopped`));
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
    const caughtUp = this.caughtUpWaiters.waitFor(endOfLog);
    this.wakeup.signal();
    await caughtUp;
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
      this.appends.scanned(page.highestScannedGlobalPosition);

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
        this.caughtUpWaiters.resolveReaching(scanned);
        this.currentState = 'live';
        // An event it was told of, or one a waiter needs, may still sit behind an older open transaction: look again soon.
        const waitMs = this.appends.awaitsNotifiedEvents || this.caughtUpWaiters.pending ? HIDDEN_EVENTS_POLL_MS : jittered(options.pollIntervalMs);
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

  /** Handles a page's events and moves the checkpoint to `to`; returns null when stopped or failed. */
  private handle(from: LogPosition, events: readonly ApplicationEvent[], to: LogPosition): Promise<LogPosition | null> {
    return handlePageIsolatingFailures(from, events, to, {
      batches: this.handlersAreAtomic(),
      handle: async (batchFrom, batch, batchTo) => {
        try {
          await this.handleAndCommit(batchFrom, batchTo, (tx) => this.invokeHandlers(batch, tx));
        } catch (error) {
          if (error instanceof HandlerFailure) this.handlerFailures += 1;
          throw error;
        }
        this.processedEvents += batch.length;
        this.position = batchTo;
      },
      retryAlone: (eventFrom, event, cause) => this.retryAlone(eventFrom, event, cause),
      skip: (skipFrom, skipTo) => this.store.commit(this.subscriptionId, skipFrom, skipTo, async () => undefined),
    });
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
        await this.handleAndCommit(from, to, (tx) => this.invokeHandlers([event], tx));
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
    this.caughtUpWaiters.rejectAll(new Error(`Subscription "${this.subscriptionId}" failed: ${failure.message}`));
    await this.store.recordState(this.subscriptionId, 'failed', failure);
    this.logger.error('Subscription stopped: handler keeps failing', { subscriptionId: this.subscriptionId, ...logged(failure) });
    return null;
  }

  private invokeHandlers(events: readonly ApplicationEvent[], tx: Tx): Promise<void> {
    return invokeHandlers(this.definition.handlers, events, tx, {
      timeoutMs: this.definition.options.handlerTimeoutMs,
      isUnavailable: (error) => this.store.isUnavailable(error),
    });
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
