import { setTimeout as sleep } from 'node:timers/promises';
import { CheckpointMovedError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import type { ApplicationEvent, LogPosition } from '../core/events';
import type { SdkLogger } from '../core/logger';
import type { Partition } from '../core/stream-partition';
import { AppendWatch } from './append-watch';
import { CaughtUpWaiters } from './caught-up-waiters';
import { HandlerFailure, invokeHandlers } from './handler-invocation';
import { LeadLoop } from './lead-loop';
import { Pacing } from './pacing';
import type { ReadDependencies } from './read-dependencies';
import type { SubscriptionDefinition } from './subscription-options';
import { describeError, loggedFailure, SubscriptionProgress } from './subscription-progress';
import type { ParkedEventReplay } from './events-subscription';
import type { FailureRecord, StoredSubscription, SubscriptionLease, SubscriptionStore } from './subscription-store';
import { Wakeup } from './wakeup';

/** Where a partition's lease comes from: the store directly, or through the instances' sharing of partitions. */
export type LeaseSource = (partition: Partition, checkpointId: string, onYield: () => void) => Promise<SubscriptionLease | null>;

export type PartitionRunnerContext<Tx> = Readonly<{
  definition: SubscriptionDefinition<Tx>;
  partition: Partition;
  checkpointId: string;
  checkpointGroup: readonly string[];
  eventStore: EventStore;
  store: SubscriptionStore<Tx>;
  logger: SdkLogger;
  acquireLease: LeaseSource;
  /** Tells the process's other subscriptions that this one committed. */
  announceCommit: () => void;
}>;

/**
 * Runs one partition of a subscription (the whole of it when it has one): takes the partition's
 * lease whenever it is free and leads it with a `LeadLoop`, stands by otherwise, and keeps what it
 * has done for the subscription's status.
 */
export class PartitionRunner<Tx> {
  readonly progress = new SubscriptionProgress();
  private readonly wakeup = new Wakeup();
  private readonly pacing: Pacing;
  private readonly appends: AppendWatch;
  private readonly caughtUpWaiters = new CaughtUpWaiters();
  private running = false;
  private loop: Promise<void> | null = null;
  private lease: SubscriptionLease | null = null;
  /** Set by `rebuild()` in this process: the lead loop starts over without waiting for its next commit to fail. */
  private checkpointWasReset = false;

  constructor(private readonly context: PartitionRunnerContext<Tx>) {
    const { definition } = context;
    this.pacing = new Pacing(this.wakeup, definition.options, () => this.running);
    this.appends = new AppendWatch(this.wakeup, (eventType) => definition.handlers.has(eventType));
  }

  get checkpointId(): string {
    return this.context.checkpointId;
  }

  get partition(): Partition {
    return this.context.partition;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Whether this process holds the partition's lease right now. */
  get leads(): boolean {
    return this.lease?.isHeld() ?? false;
  }

  start(readDependencies: ReadDependencies | null): void {
    if (this.running) return;
    this.running = true;
    this.progress.state = 'starting';
    this.appends.start(this.context.eventStore);
    this.loop = this.run(this.leadLoopReading(readDependencies));
  }

  onCommitElsewhere(): void {
    this.appends.onCommitElsewhere();
  }

  /** Ends a sleep early: to read now, or to notice a stop or a lease given up. */
  signal(): void {
    this.wakeup.signal();
  }

  async stop(timeoutMs: number, reason: Error): Promise<void> {
    if (!this.running && !this.loop) return;
    this.running = false;
    this.appends.stop();
    this.wakeup.signal();
    const loop = this.loop;
    if (loop) await Promise.race([loop, sleep(timeoutMs)]);
    this.loop = null;
    if (this.progress.state !== 'failed') this.progress.state = 'stopped';
    this.caughtUpWaiters.rejectAll(reason);
  }

  /** Resolves once this process's lead loop has handled everything up to `endOfLog`; rejects if it stops or fails first. */
  async caughtUpTo(endOfLog: LogPosition): Promise<void> {
    const caughtUp = this.caughtUpWaiters.waitFor(endOfLog);
    this.wakeup.signal();
    await caughtUp;
  }

  /** Its own position while it leads, the stored checkpoint otherwise. */
  positionGiven(stored: StoredSubscription | null): LogPosition | null {
    return this.lease ? this.progress.position : (stored?.position ?? null);
  }

  /** The checkpoint was reset: the lead loop starts over at once. */
  checkpointReset(): void {
    this.checkpointWasReset = true;
    this.wakeup.signal();
  }

  /** Hands a parked event of this partition to its handler again and takes it off the parked list, in one transaction. */
  async replayParked(event: ApplicationEvent): Promise<ParkedEventReplay> {
    const { definition, store, logger } = this.context;
    const handle = (tx: Tx) =>
      invokeHandlers(definition.handlers, [event], tx, {
        timeoutMs: definition.options.handlerTimeoutMs,
        isUnavailable: (error) => store.isUnavailable(error),
      });
    const handlersAreAtomic = store.transactional && definition.options.transactionalHandlers;
    try {
      await store.resolveParked(this.checkpointId, event.id, 'replayed', (tx) => (handlersAreAtomic ? handle(tx) : store.withoutTransaction(handle)));
    } catch (error) {
      if (!(error instanceof HandlerFailure)) throw error;
      return { replayed: false, parked: await store.recordParkedFailure(this.checkpointId, event.id, describeError(error.cause)) };
    }
    this.context.announceCommit();
    // The replay committed: a failing after-commit effect cannot undo it, so it is only logged.
    await Promise.resolve()
      .then(() => definition.afterCommit())
      .catch((error: unknown) => logger.warn('After-commit handler failed', { subscriptionId: this.checkpointId, error: describeError(error) }));
    return { replayed: true };
  }

  private leadLoopReading(readDependencies: ReadDependencies | null): LeadLoop<Tx> {
    const { definition, partition, checkpointId, checkpointGroup, eventStore, store, logger, announceCommit } = this.context;
    const { progress, appends, caughtUpWaiters, pacing } = this;
    return new LeadLoop<Tx>({
      definition,
      partition,
      checkpointId,
      checkpointGroup,
      eventStore,
      store,
      logger,
      progress,
      appends,
      caughtUpWaiters,
      pacing,
      readDependencies,
      isRunning: () => this.running,
      announceCommit,
      takeCheckpointReset: () => {
        const wasReset = this.checkpointWasReset;
        this.checkpointWasReset = false;
        return wasReset;
      },
      stopFailed: (failure) => this.stopFailed(failure),
    });
  }

  /** Takes the lease whenever it is free and leads; stands by while another process holds it. */
  private async run(leadLoop: LeadLoop<Tx>): Promise<void> {
    const { definition, logger, acquireLease, partition } = this.context;
    let consecutiveErrors = 0;
    while (this.running) {
      let lease: SubscriptionLease | null = null;
      try {
        lease = await acquireLease(partition, this.checkpointId, () => this.wakeup.signal());
        if (!lease) {
          this.progress.state = 'standby';
          await this.pacing.idle(definition.options.standbyRetryMs);
          continue;
        }
        this.lease = lease;
        await leadLoop.lead(lease);
        consecutiveErrors = 0;
      } catch (error) {
        if (error instanceof CheckpointMovedError) {
          logger.warn('Subscription checkpoint moved (reset for a rebuild, or taken by another process); starting over', { subscriptionId: this.checkpointId });
        } else {
          consecutiveErrors += 1;
          this.progress.state = 'retrying';
          logger.error('Subscription interrupted; will retry', { subscriptionId: this.checkpointId, error: describeError(error) });
          await this.pacing.pause(this.pacing.backoff(consecutiveErrors));
        }
      } finally {
        this.lease = null;
        await lease?.release().catch(() => undefined);
      }
      if (this.progress.state === 'failed') return;
    }
  }

  private async stopFailed(failure: FailureRecord): Promise<void> {
    const { store, logger } = this.context;
    this.progress.state = 'failed';
    this.running = false;
    this.caughtUpWaiters.rejectAll(new Error(`Subscription "${this.checkpointId}" failed: ${failure.message}`));
    await store.recordState(this.checkpointId, 'failed', failure);
    logger.error('Subscription stopped: handler keeps failing', { subscriptionId: this.checkpointId, ...loggedFailure(failure) });
  }
}
