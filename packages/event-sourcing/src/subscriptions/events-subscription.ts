import { setTimeout as sleep } from 'node:timers/promises';
import { CheckpointMovedError, ParkedEventNotFoundError, RebuildUnderWayError } from '../core/errors';
import { NO_BACKLOG, type EventStore, type LogBacklog } from '../core/event-store';
import { LOG_START, type ApplicationEvent, type LogPosition } from '../core/events';
import type { SdkLogger } from '../core/logger';
import { AppendWatch } from './append-watch';
import { BlueGreenRebuild, rebuildIdOf } from './blue-green-rebuild';
import { CaughtUpWaiters } from './caught-up-waiters';
import { HandlerFailure, invokeHandlers } from './handler-invocation';
import { LeadLoop } from './lead-loop';
import { Pacing } from './pacing';
import { ReadDependencies, type ReadDependency } from './read-dependencies';
import type { RebuildTables } from './rebuild-tables';
import type { RebuildStatus, SubscriptionDefinition, SubscriptionState, SubscriptionStatus } from './subscription-options';
import { describeError, loggedFailure, SubscriptionProgress } from './subscription-progress';
import type { FailureRecord, ParkedEvent, StoredSubscription, SubscriptionLease, SubscriptionStore } from './subscription-store';
import { Wakeup } from './wakeup';

/** What replaying a parked event came to: handled and off the list, or still parked with its new failure. */
export type ParkedEventReplay = Readonly<{ replayed: true }> | Readonly<{ replayed: false; parked: ParkedEvent }>;

/**
 * A durable subscription: delivers each event it handles exactly once per committed checkpoint,
 * catching up in pages and then following the log live. One process runs it at a time: this class
 * starts and stops it, takes the lease or stands by, and reports its status; what it does while it
 * holds the lease is its `LeadLoop`.
 */
export class EventsSubscription<Tx> {
  private readonly wakeup = new Wakeup();
  private readonly progress = new SubscriptionProgress();
  private readonly pacing: Pacing;
  private readonly appends: AppendWatch;
  private readonly caughtUpWaiters = new CaughtUpWaiters();
  private running = false;
  private loop: Promise<void> | null = null;
  private lease: SubscriptionLease | null = null;
  /** Set by `rebuild()` in this process: the lead loop starts over without waiting for its next commit to fail. */
  private checkpointWasReset = false;
  /** The blue/green rebuild this process started last, if any. */
  private blueGreenRebuild: BlueGreenRebuild<Tx> | null = null;

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
  ) {
    this.pacing = new Pacing(this.wakeup, definition.options, () => this.running);
    this.appends = new AppendWatch(this.wakeup, (eventType) => definition.handlers.has(eventType));
  }

  get subscriptionId(): string {
    return this.definition.subscriptionId;
  }

  /** The state right now, without touching the database (see `status()` for the full picture). */
  get state(): SubscriptionState {
    return this.progress.state;
  }

  /** Starts following the log in the background; returns at once. */
  async start(): Promise<void> {
    if (this.running) return;
    const leadLoop = this.leadLoopReading(this.resolveReadDependencies());
    this.running = true;
    this.progress.state = 'starting';
    this.appends.start(this.eventStore);
    this.loop = this.run(leadLoop);
  }

  /**
   * Another transaction of this process committed. Reads only see events older than every open
   * transaction, so one it was told of may be waiting for exactly that commit: look again now
   * rather than at the next poll.
   */
  onCommitElsewhere(): void {
    this.appends.onCommitElsewhere();
  }

  /** Stops after the page in progress (and a rebuild this process runs); waits at most `timeoutMs` for it. */
  async stop(timeoutMs = 1_000): Promise<void> {
    if (this.blueGreenRebuild?.underWay) await this.blueGreenRebuild.stop();
    if (!this.running && !this.loop) return;
    this.running = false;
    this.appends.stop();
    this.wakeup.signal();
    const loop = this.loop;
    if (loop) await Promise.race([loop, sleep(timeoutMs)]);
    this.loop = null;
    if (this.progress.state !== 'failed') this.progress.state = 'stopped';
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
    const position = this.positionGiven(stored);
    return this.statusGiven(stored, position, position ? await this.eventStore.backlogAfter(position) : NO_BACKLOG);
  }

  /**
   * Where it stands: its own position while it leads, the stored checkpoint otherwise (`stored` as
   * the subscription store has it). With `statusGiven`, lets the factory's `statuses()` ask the
   * stores once for every subscription.
   */
  positionGiven(stored: StoredSubscription | null): LogPosition | null {
    return this.lease ? this.progress.position : (stored?.position ?? null);
  }

  /** Its status from its stored row, its position (`positionGiven`) and the log's backlog after it. */
  statusGiven(stored: StoredSubscription | null, position: LogPosition | null, backlog: LogBacklog): SubscriptionStatus {
    const { progress } = this;
    const lagSeconds = backlog.oldestOccurredAt ? Math.max(0, (Date.now() - backlog.oldestOccurredAt.getTime()) / 1000) : 0;
    return {
      subscriptionId: this.subscriptionId,
      state: progress.state,
      active: this.lease?.isHeld() ?? false,
      position,
      lagEvents: backlog.events,
      lagExact: backlog.exact,
      lagSeconds,
      lastError: progress.lastError ?? stored?.lastError ?? null,
      parkedEvents: stored?.parkedEvents ?? progress.parkedEvents,
      processedEvents: progress.processedEvents,
      handlerFailures: progress.handlerFailures,
      waitingFor: progress.waitingFor,
    };
  }

  /**
   * Rebuilds the read model from the first event. When it declares its tables (`ownsTables`) and
   * the store offers blue/green rebuilds, this process builds new copies beside the serving ones
   * and switches them in once caught up (see `rebuildStatus()` and `rebuilt()`); readers never see
   * it partly built, and a failure leaves the serving one as it was. Otherwise it forgets the
   * checkpoint and parked events, so the subscription clears its read model (`onInitialPosition`)
   * and replays every event: if this process leads it, it starts over at once; another process that
   * leads it does so at its next commit, when the moved checkpoint refuses it. Tools that do not run
   * the subscription (the CLI) call it before `start()`.
   */
  async rebuild(): Promise<void> {
    const tables = this.blueGreenTables();
    if (!tables) {
      await this.store.reset(this.subscriptionId);
      this.checkpointWasReset = true;
      this.wakeup.signal();
      return;
    }
    if (this.blueGreenRebuild?.underWay) throw new RebuildUnderWayError(this.subscriptionId);
    const rebuild = new BlueGreenRebuild<Tx>({
      definition: this.definition,
      eventStore: this.eventStore,
      tables,
      logger: this.logger,
      resolveReadDependencies: this.resolveReadDependencies,
      onSwitched: () => {
        this.checkpointWasReset = true;
        this.wakeup.signal();
      },
    });
    // Only one that started is this process's: one refused for a rebuild running elsewhere reports nothing of its own.
    await rebuild.start();
    this.blueGreenRebuild = rebuild;
  }

  /** Whether `rebuild()` builds beside the serving read model rather than resetting it. */
  get rebuildsBlueGreen(): boolean {
    return this.blueGreenTables() !== null;
  }

  /**
   * Resolves once the blue/green rebuild this process started has switched in; rejects if it
   * failed. Resolves at once after a reset-and-replay rebuild, whose progress is the subscription's own.
   */
  async rebuilt(): Promise<void> {
    await this.blueGreenRebuild?.done();
  }

  /**
   * The blue/green rebuild under way or last failed, wherever it runs; null when none is (or the
   * last one switched). One whose process ended before it switched counts as failed.
   */
  async rebuildStatus(): Promise<RebuildStatus | null> {
    const tables = this.blueGreenTables();
    if (!tables) return null;
    const local = this.blueGreenRebuild;
    const rebuildId = rebuildIdOf(this.subscriptionId);
    if (local && local.state !== 'switched') {
      const position = await local.position();
      return { state: local.state, position, lagEvents: await this.lagAfter(position), lastError: local.lastError };
    }
    const stored = await this.store.find(rebuildId);
    if (!stored) return null;
    const failed = stored.state === 'failed' || !(await tables.isRunning(rebuildId));
    const lastError = stored.lastError?.message ?? (failed ? 'The process that ran it ended before it switched' : null);
    return { state: failed ? 'failed' : 'building', position: stored.position, lagEvents: await this.lagAfter(stored.position), lastError };
  }

  private async lagAfter(position: LogPosition | null): Promise<number> {
    return (await this.eventStore.backlogAfter(position ?? LOG_START)).events;
  }

  /** Handlers that commit with the checkpoint can write the copies; those that act elsewhere cannot be redirected. */
  private blueGreenTables(): RebuildTables<Tx> | null {
    const { ownedTables, options } = this.definition;
    if (ownedTables.length === 0 || !options.transactionalHandlers || !this.store.transactional) return null;
    return this.store.rebuildTables ?? null;
  }

  /** Its parked events not yet replayed or skipped, in log order. */
  parkedEvents(): Promise<ParkedEvent[]> {
    return this.store.listParked(this.subscriptionId);
  }

  /**
   * Hands a parked event to its handler again, e.g. once the handler is fixed, and takes it off the
   * parked list in the same transaction. Runs whether or not this process leads: the event lies
   * behind the checkpoint, where the lead loop no longer goes. Throws `ParkedEventNotFoundError`
   * when the event is not parked.
   */
  async replayParked(eventId: string): Promise<ParkedEventReplay> {
    const event = await this.readParked(eventId);
    const handle = (tx: Tx) =>
      invokeHandlers(this.definition.handlers, [event], tx, {
        timeoutMs: this.definition.options.handlerTimeoutMs,
        isUnavailable: (error) => this.store.isUnavailable(error),
      });
    const handlersAreAtomic = this.store.transactional && this.definition.options.transactionalHandlers;
    try {
      await this.store.resolveParked(this.subscriptionId, eventId, 'replayed', (tx) => (handlersAreAtomic ? handle(tx) : this.store.withoutTransaction(handle)));
    } catch (error) {
      if (!(error instanceof HandlerFailure)) throw error;
      return { replayed: false, parked: await this.store.recordParkedFailure(this.subscriptionId, eventId, describeError(error.cause)) };
    }
    this.announceCommit();
    // The replay committed: a failing after-commit effect cannot undo it, so it is only logged.
    await Promise.resolve()
      .then(() => this.definition.afterCommit())
      .catch((error: unknown) => this.logger.warn('After-commit handler failed', { subscriptionId: this.subscriptionId, error: describeError(error) }));
    return { replayed: true };
  }

  /** Takes a parked event off the list without handling it; the store keeps it as skipped. */
  async skipParked(eventId: string): Promise<void> {
    await this.store.resolveParked(this.subscriptionId, eventId, 'skipped', async () => undefined);
  }

  /** The parked event as handlers see it, read back from the log at its position. */
  private async readParked(eventId: string): Promise<ApplicationEvent> {
    const parked = (await this.parkedEvents()).find((candidate) => candidate.eventId === eventId);
    if (!parked) throw new ParkedEventNotFoundError(this.subscriptionId, eventId);
    const { transactionId, globalPosition } = parked.position;
    // Positions order by transaction, then global position: nothing lies between this one and the event.
    const page = await this.eventStore.readAll({ after: { transactionId, globalPosition: globalPosition - 1n }, limit: 1 });
    const event = page.events[0];
    if (event?.id !== eventId) throw new Error(`Parked event "${eventId}" of "${this.subscriptionId}" is not readable from the log`);
    return event;
  }

  private leadLoopReading(readDependencies: readonly ReadDependency[]): LeadLoop<Tx> {
    const { definition, eventStore, store, logger, progress, appends, caughtUpWaiters, pacing } = this;
    return new LeadLoop<Tx>({
      definition,
      eventStore,
      store,
      logger,
      progress,
      appends,
      caughtUpWaiters,
      pacing,
      readDependencies: readDependencies.length > 0 ? new ReadDependencies(readDependencies, eventStore, store, definition.options.batchSize) : null,
      isRunning: () => this.running,
      announceCommit: this.announceCommit,
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
    let consecutiveErrors = 0;
    while (this.running) {
      let lease: SubscriptionLease | null = null;
      try {
        lease = await this.store.tryAcquire(this.subscriptionId);
        if (!lease) {
          this.progress.state = 'standby';
          await this.pacing.idle(this.definition.options.standbyRetryMs);
          continue;
        }
        this.lease = lease;
        await leadLoop.lead(lease);
        consecutiveErrors = 0;
      } catch (error) {
        if (error instanceof CheckpointMovedError) {
          this.logger.warn('Subscription checkpoint moved (reset for a rebuild, or taken by another process); starting over', { subscriptionId: this.subscriptionId });
        } else {
          consecutiveErrors += 1;
          this.progress.state = 'retrying';
          this.logger.error('Subscription interrupted; will retry', { subscriptionId: this.subscriptionId, error: describeError(error) });
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
    this.progress.state = 'failed';
    this.running = false;
    this.caughtUpWaiters.rejectAll(new Error(`Subscription "${this.subscriptionId}" failed: ${failure.message}`));
    await this.store.recordState(this.subscriptionId, 'failed', failure);
    this.logger.error('Subscription stopped: handler keeps failing', { subscriptionId: this.subscriptionId, ...loggedFailure(failure) });
  }
}
