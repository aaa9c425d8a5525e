import type { EventStore } from '../core/event-store';
import { CheckpointMovedError } from '../core/errors';
import { compareLogPositions, logPositionOf, type ApplicationEvent, type LogPosition } from '../core/events';
import type { SdkLogger } from '../core/logger';
import type { Partition } from '../core/stream-partition';
import type { AppendWatch } from './append-watch';
import type { CaughtUpWaiters } from './caught-up-waiters';
import { HandlerFailure, invokeHandlers } from './handler-invocation';
import type { Pacing } from './pacing';
import { handlePageIsolatingFailures } from './page-failure-isolation';
import type { ReadDependencies } from './read-dependencies';
import type { SubscriptionDefinition } from './subscription-options';
import { describeError, loggedFailure, type SubscriptionProgress } from './subscription-progress';
import type { FailureRecord, SubscriptionLease, SubscriptionStore } from './subscription-store';

/** While a `caughtUp()` waits on events an open transaction hides, the log is read again this soon. */
const HIDDEN_EVENTS_POLL_MS = 10;

/** Polling for a dependency starts this fast and slows down to the maximum. */
const DEPENDENCY_POLL_FIRST_MS = 20;
const DEPENDENCY_POLL_MAX_MS = 1_000;
const DEPENDENCY_WARNING_EVERY_MS = 10_000;

/** What the lead loop shares with the subscription that runs it. */
export type LeadContext<Tx> = Readonly<{
  definition: SubscriptionDefinition<Tx>;
  /** The partition it leads; its checkpoint, lease and parked events are stored under `checkpointId`. */
  partition: Partition;
  checkpointId: string;
  /** The checkpoints of all the subscription's partitions, created together on first use. */
  checkpointGroup: readonly string[];
  eventStore: EventStore;
  store: SubscriptionStore<Tx>;
  logger: SdkLogger;
  progress: SubscriptionProgress;
  appends: AppendWatch;
  caughtUpWaiters: CaughtUpWaiters;
  pacing: Pacing;
  /** The subscriptions it reads from, resolved on start; null when it reads from none. */
  readDependencies: ReadDependencies | null;
  isRunning: () => boolean;
  /** Tells the process's other subscriptions that this one committed. */
  announceCommit: () => void;
  /** Whether `rebuild()` reset the checkpoint in this process since last asked. */
  takeCheckpointReset: () => boolean;
  /** Ends the subscription for good: the handler of `failure`'s event kept failing and the policy is to stop. */
  stopFailed: (failure: FailureRecord) => Promise<void>;
}>;

/**
 * What a subscription does while it holds the lease: reads the log in pages from its checkpoint,
 * holds a page back until the subscriptions it reads from have passed it, hands the events to the
 * handlers and moves the checkpoint, retries a failing event alone and parks it or stops, and
 * follows the log live once caught up.
 */
export class LeadLoop<Tx> {
  constructor(private readonly context: LeadContext<Tx>) {}

  /** What it stores and logs under: the subscription's id, or its partition's. */
  private get checkpointId(): string {
    return this.context.checkpointId;
  }

  /** Returns when stopped, failed or the lease is lost; throws when the database or the checkpoint fails it. */
  async lead(lease: SubscriptionLease): Promise<void> {
    const { definition, eventStore, store, progress, appends, caughtUpWaiters, pacing } = this.context;
    const { options } = definition;
    progress.state = 'catching-up';
    // Until the checkpoint is read back, no position is known: a status must not report the one from before a reset.
    progress.position = null;
    this.context.takeCheckpointReset();
    let persisted = await store.initialize(this.checkpointId, async (tx) => definition.onInitialPosition(tx), this.context.checkpointGroup);
    let scanned = persisted;
    let scannedSincePersisted = 0;
    let persistedAt = Date.now();
    progress.position = persisted;
    progress.lastError = null;
    const filter = { eventTypes: [...definition.handlers.keys()], ...(this.context.partition.count > 1 && { partition: this.context.partition }) };

    // When the last read that found events to handle started: `minReadIntervalMs` counts from there.
    let handledReadAt = Number.NEGATIVE_INFINITY;
    while (this.context.isRunning() && lease.isHeld()) {
      const readAt = performance.now();
      const page = await eventStore.readAll({ after: scanned, limit: options.batchSize, filter });
      appends.scanned(page.highestScannedGlobalPosition);

      if (page.events.length > 0) {
        handledReadAt = readAt;
        if (!(await this.waitForReadDependencies(logPositionOf(page.events.at(-1)!), lease))) return;
        const reached = await this.handle(persisted, page.events, page.lastScannedPosition);
        if (!reached) return;
        persisted = scanned = reached;
        persistedAt = Date.now();
        scannedSincePersisted = 0;
      } else if (compareLogPositions(page.lastScannedPosition, scanned) > 0) {
        // Entries no handler wants: remember them in memory, persist only now and then.
        scanned = page.lastScannedPosition;
        scannedSincePersisted += page.scannedCount;
      }
      if (scannedSincePersisted >= options.idleCheckpointEvery || (scannedSincePersisted > 0 && this.persistsCaughtUpScan(page.isEndOfLog, persistedAt))) {
        await store.commit(this.checkpointId, persisted, scanned, async () => undefined);
        persisted = scanned;
        persistedAt = Date.now();
        scannedSincePersisted = 0;
      }
      progress.position = scanned;

      if (page.isEndOfLog) {
        caughtUpWaiters.resolveReaching(scanned);
        progress.state = 'live';
        // An event it was told of, or one a waiter needs, may still sit behind an older open transaction: look again soon.
        const waitMs = appends.awaitsNotifiedEvents || caughtUpWaiters.pending ? HIDDEN_EVENTS_POLL_MS : pacing.jitteredPoll();
        await pacing.idle(waitMs);
        const sinceHandledRead = performance.now() - handledReadAt;
        if (sinceHandledRead < options.minReadIntervalMs) await pacing.pause(options.minReadIntervalMs - sinceHandledRead);
        // Caught up, it may not commit again for a long time: a reset must not wait for that commit to fail.
        if (this.context.takeCheckpointReset()) throw new CheckpointMovedError(this.checkpointId);
      } else {
        progress.state = 'catching-up';
      }
    }
  }

  /**
   * Whether a partition caught up persists the entries it scanned past. Another instance sees this
   * partition through its stored checkpoint alone (status, rebuild progress): left until
   * `idleCheckpointEvery` entries, it would trail the log for good behind the other partitions'
   * events. At most once a poll interval, so a busy log costs a partition one write a second. A
   * subscription of one partition keeps the checkpoint as it always did.
   */
  private persistsCaughtUpScan(isEndOfLog: boolean, persistedAt: number): boolean {
    return isEndOfLog && this.context.partition.count > 1 && Date.now() - persistedAt >= this.context.definition.options.pollIntervalMs;
  }

  /**
   * Holds the page back until every subscription it reads from has handled everything up to
   * `position`, its last event, so a handler never looks up what is merely not projected yet. A
   * wait spends none of the events' attempts: once the dependencies have passed, a failure is
   * genuine. A failed dependency makes it wait for good, which the state, `waitingFor` and a
   * periodic warning show. Returns false when stopped or the lease is lost.
   */
  private async waitForReadDependencies(position: LogPosition, lease: SubscriptionLease): Promise<boolean> {
    const { readDependencies, progress, logger, pacing } = this.context;
    if (!readDependencies) return true;
    const startedAt = Date.now();
    let warnedAt = startedAt;
    let pollMs = DEPENDENCY_POLL_FIRST_MS;
    try {
      let behind = await readDependencies.firstBehind(position);
      while (behind !== null) {
        progress.state = 'waiting';
        progress.waitingFor = { subscriptionId: behind, position };
        if (Date.now() - warnedAt >= DEPENDENCY_WARNING_EVERY_MS) {
          warnedAt = Date.now();
          logger.warn('Subscription waits for a subscription it reads from', {
            subscriptionId: this.checkpointId,
            readsFrom: behind,
            globalPosition: position.globalPosition.toString(),
            waitingMs: warnedAt - startedAt,
          });
        }
        await pacing.pause(pollMs);
        if (!this.context.isRunning() || !lease.isHeld()) return false;
        pollMs = Math.min(pollMs * 2, DEPENDENCY_POLL_MAX_MS);
        behind = await readDependencies.firstBehind(position);
      }
      if (progress.state === 'waiting') progress.state = 'catching-up';
      return true;
    } finally {
      progress.waitingFor = null;
    }
  }

  /** Handles a page's events and moves the checkpoint to `to`; returns null when stopped or failed. */
  private handle(from: LogPosition, events: readonly ApplicationEvent[], to: LogPosition): Promise<LogPosition | null> {
    const { store, progress } = this.context;
    return handlePageIsolatingFailures(from, events, to, {
      batches: this.handlersAreAtomic(),
      handle: async (batchFrom, batch, batchTo) => {
        try {
          await this.handleAndCommit(batchFrom, batchTo, (tx) => this.invokeHandlers(batch, tx));
        } catch (error) {
          if (error instanceof HandlerFailure) progress.handlerFailures += 1;
          throw error;
        }
        progress.processedEvents += batch.length;
        progress.position = batchTo;
      },
      retryAlone: (eventFrom, event, cause) => this.retryAlone(eventFrom, event, cause),
      skip: (skipFrom, skipTo) => store.commit(this.checkpointId, skipFrom, skipTo, async () => undefined),
    });
  }

  private handlersAreAtomic(): boolean {
    return this.context.store.transactional && this.context.definition.options.transactionalHandlers;
  }

  /** Runs the handlers and moves the checkpoint: in one transaction, or handlers first when they act elsewhere. */
  private async handleAndCommit(from: LogPosition, to: LogPosition, work: (tx: Tx) => Promise<void>): Promise<void> {
    const { store } = this.context;
    if (this.handlersAreAtomic()) {
      await store.commit(this.checkpointId, from, to, work);
    } else {
      await store.withoutTransaction(work);
      await store.commit(this.checkpointId, from, to, async () => undefined);
    }
    this.context.announceCommit();
    await this.afterCommit();
  }

  /** Side effects that must wait for the commit; their failure cannot undo it, so it is only logged. */
  private async afterCommit(): Promise<void> {
    try {
      await this.context.definition.afterCommit();
    } catch (error) {
      this.context.logger.warn('After-commit handler failed', { subscriptionId: this.checkpointId, error: describeError(error) });
    }
  }

  /** Retries the event a page failed on, alone, then parks it or stops the subscription; returns null when stopped or failed. */
  private async retryAlone(from: LogPosition, event: ApplicationEvent, firstCause: unknown): Promise<LogPosition | null> {
    const { definition, store, logger, progress, pacing } = this.context;
    const { options } = definition;
    const to = logPositionOf(event);
    let cause = firstCause;
    for (let attempt = 2; attempt <= options.maxAttempts; attempt++) {
      progress.recordFailure(event, cause, attempt - 1);
      progress.state = 'retrying';
      await pacing.pause(pacing.backoff(attempt - 1));
      if (!this.context.isRunning()) return null;
      try {
        await this.handleAndCommit(from, to, (tx) => this.invokeHandlers([event], tx));
        progress.processedEvents += 1;
        progress.state = 'catching-up';
        return to;
      } catch (error) {
        if (!(error instanceof HandlerFailure)) throw error;
        progress.handlerFailures += 1;
        cause = error.cause;
      }
    }

    const failure = progress.recordFailure(event, cause, options.maxAttempts);
    if (options.onPoisonEvent === 'park') {
      await store.park(this.checkpointId, from, event, failure);
      progress.parkedEvents += 1;
      logger.warn('Event parked after repeated handler failures', { subscriptionId: this.checkpointId, ...loggedFailure(failure) });
      progress.state = 'catching-up';
      return to;
    }
    await this.context.stopFailed(failure);
    return null;
  }

  private invokeHandlers(events: readonly ApplicationEvent[], tx: Tx): Promise<void> {
    const { definition, store } = this.context;
    return invokeHandlers(definition.handlers, events, tx, {
      timeoutMs: definition.options.handlerTimeoutMs,
      isUnavailable: (error) => store.isUnavailable(error),
    });
  }
}
