import { setTimeout as sleep } from 'node:timers/promises';
import { ParkedEventNotFoundError, RebuildUnderWayError } from '../core/errors';
import { NO_BACKLOG, type EventStore, type LogBacklog } from '../core/event-store';
import { compareLogPositions, LOG_START, type ApplicationEvent, type LogPosition } from '../core/events';
import type { SdkLogger } from '../core/logger';
import { partitionOfStream } from '../core/stream-partition';
import { BlueGreenRebuild, rebuildCheckpointIdsOf } from './blue-green-rebuild';
import { PartitionRunner, type LeaseSource } from './partition-runner';
import { PartitionSharing } from './partition-sharing';
import { partitionCheckpointId, partitionsOf } from './partitions';
import { ReadDependencies, readDependencyOf, type ReadDependency } from './read-dependencies';
import type { RebuildTables } from './rebuild-tables';
import type { RebuildStatus, SubscriptionDefinition, SubscriptionState, SubscriptionStatus } from './subscription-options';
import type { ParkedEvent, StoredSubscription, SubscriptionStore } from './subscription-store';

/** What replaying a parked event came to: handled and off the list, or still parked with its new failure. */
export type ParkedEventReplay = Readonly<{ replayed: true }> | Readonly<{ replayed: false; parked: ParkedEvent }>;

/** The stored checkpoint rows of a subscription's partitions, by checkpoint id. */
export type StoredCheckpoints = (checkpointId: string) => StoredSubscription | null;

/** How a subscription is tied to the others of its process and to other instances. */
export type SubscriptionLinks = Readonly<{
  /**
   * The subscriptions it reads from, with the event types they handle; asked on start, when every
   * subscription is built, and throws on one that is not defined.
   */
  resolveReadDependencies?: () => readonly ReadDependency[];
  /** Tells the process's other subscriptions that this one committed (see `onCommitElsewhere`). */
  announceCommit?: () => void;
  /**
   * Leads every partition in this process, sharing none with other instances: a blue/green
   * rebuild's copy, which runs where it was asked. Each partition's lease still keeps it exclusive.
   */
  leadsEveryPartition?: boolean;
}>;

/** While `caughtUp()` waits on partitions led elsewhere, their checkpoints are read again this soon, then less often. */
const CAUGHT_UP_POLL_FIRST_MS = 10;
const CAUGHT_UP_POLL_MAX_MS = 250;

/**
 * Of the partitions' states, the one the subscription reports: the first in this list that any
 * partition is in. A failing or lagging partition shows before the ones that are live.
 */
const STATE_PRECEDENCE: readonly SubscriptionState[] = ['failed', 'retrying', 'waiting', 'catching-up', 'starting', 'live', 'standby', 'stopped'];

/**
 * A durable subscription: delivers each event it handles exactly once per committed checkpoint,
 * catching up in pages and then following the log live. It runs as one or more partitions, each
 * owning the streams whose names hash to it (`partitionOfStream`), with its own checkpoint and
 * lease: one process leads a partition at a time, and the processes share the partitions (see
 * `PartitionSharing`). This class starts and stops them and reports them as one subscription.
 */
export class EventsSubscription<Tx> {
  private readonly runners: PartitionRunner<Tx>[];
  /** The ids its partitions' checkpoints are stored under: its own id alone when it has one partition. */
  readonly checkpointIds: readonly string[];
  /** Shares the partitions with other instances; null when the leases alone decide (one partition, or all led here). */
  private readonly sharing: PartitionSharing | null;
  private readonly resolveReadDependencies: () => readonly ReadDependency[];
  private running = false;
  /** The blue/green rebuild this process started last, if any. */
  private blueGreenRebuild: BlueGreenRebuild<Tx> | null = null;

  constructor(
    private readonly definition: SubscriptionDefinition<Tx>,
    private readonly eventStore: EventStore,
    private readonly store: SubscriptionStore<Tx>,
    private readonly logger: SdkLogger,
    { resolveReadDependencies = () => [], announceCommit = () => undefined, leadsEveryPartition = false }: SubscriptionLinks = {},
  ) {
    this.resolveReadDependencies = resolveReadDependencies;
    const partitions = partitionsOf(definition.options.partitions);
    this.checkpointIds = partitions.map((partition) => partitionCheckpointId(definition.subscriptionId, partition));
    const sharing =
      partitions.length > 1 && !leadsEveryPartition ? new PartitionSharing(definition.subscriptionId, partitions.length, store, logger) : null;
    this.sharing = sharing;
    const acquireLease: LeaseSource = sharing
      ? (partition, checkpointId, onYield) => sharing.tryAcquire(partition, checkpointId, onYield)
      : (_, checkpointId) => store.tryAcquire(checkpointId);
    this.runners = partitions.map(
      (partition, index) =>
        new PartitionRunner<Tx>({
          definition,
          partition,
          checkpointId: this.checkpointIds[index]!,
          checkpointGroup: this.checkpointIds,
          eventStore,
          store,
          logger,
          acquireLease,
          announceCommit,
        }),
    );
  }

  get subscriptionId(): string {
    return this.definition.subscriptionId;
  }

  /** How many partitions it runs as. */
  get partitionCount(): number {
    return this.runners.length;
  }

  /** The state right now, without touching the database (see `status()` for the full picture). */
  get state(): SubscriptionState {
    const states = new Set(this.runners.map((runner) => runner.progress.state));
    return STATE_PRECEDENCE.find((state) => states.has(state)) ?? 'stopped';
  }

  /**
   * Starts following the log in the background, or restarts the partitions that failed; returns once
   * this instance has announced itself.
   */
  async start(): Promise<void> {
    if (this.isRunning()) return;
    const dependencies = this.resolveReadDependencies();
    this.running = true;
    if (this.sharing) await this.sharing.start();
    this.runners.forEach((runner) => runner.start(dependencies.length > 0 ? this.readDependencies(dependencies) : null));
  }

  /**
   * Another transaction of this process committed. Reads only see events older than every open
   * transaction, so one it was told of may be waiting for exactly that commit: look again now
   * rather than at the next poll.
   */
  onCommitElsewhere(): void {
    this.runners.forEach((runner) => runner.onCommitElsewhere());
  }

  /** Stops after the pages in progress (and a rebuild this process runs); waits at most `timeoutMs` for them. */
  async stop(timeoutMs = 1_000): Promise<void> {
    if (this.blueGreenRebuild?.underWay) await this.blueGreenRebuild.stop();
    this.running = false;
    const stopped = new Error(`Subscription "${this.subscriptionId}" stopped`);
    await Promise.all(this.runners.map((runner) => runner.stop(timeoutMs, stopped)));
    if (this.sharing) await this.sharing.stop();
  }

  /**
   * Resolves once the subscription has handled every event committed before the call, including
   * those a transaction still open elsewhere on the server hides from reads for now, in every
   * partition, whichever process leads it; rejects if it stops or fails first. Lets tests and tools
   * wait for a projection without sleeping.
   */
  async caughtUp(): Promise<void> {
    const notRunning = () => new Error(`Subscription "${this.subscriptionId}" is not running`);
    if (!this.isRunning()) throw notRunning();
    const endOfLog = await this.eventStore.endOfLog();
    if (!this.isRunning()) throw notRunning();
    if (this.runners.length === 1) return this.runners[0]!.caughtUpTo(endOfLog);
    // Partitions led elsewhere are seen only through their stored checkpoints.
    const handled = this.readDependencies([this.asDependency()]);
    let pollMs = CAUGHT_UP_POLL_FIRST_MS;
    for (;;) {
      this.runners.forEach((runner) => runner.signal());
      if ((await handled.firstBehind(endOfLog)) === null) return;
      if (!this.isRunning()) throw this.notCaughtUp();
      await sleep(pollMs);
      pollMs = Math.min(pollMs * 2, CAUGHT_UP_POLL_MAX_MS);
    }
  }

  async status(): Promise<SubscriptionStatus> {
    const stored = await this.storedCheckpoints();
    const position = this.positionGiven(stored);
    return this.statusGiven(stored, position, position ? await this.eventStore.backlogAfter(position) : NO_BACKLOG);
  }

  /**
   * Where each partition stands, in the order of `checkpointIds`: its own position while this
   * process leads it, its stored checkpoint otherwise; null while it has none.
   */
  async partitionPositions(): Promise<(LogPosition | null)[]> {
    return this.partitionPositionsGiven(await this.storedCheckpoints());
  }

  /**
   * Where it stands: the slowest partition's position (see `partitionPositions`), null while a
   * partition has none. With `statusGiven`, lets the factory's `statuses()` ask the stores once for
   * every subscription.
   */
  positionGiven(stored: StoredCheckpoints): LogPosition | null {
    return slowestOf(this.partitionPositionsGiven(stored));
  }

  private partitionPositionsGiven(stored: StoredCheckpoints): (LogPosition | null)[] {
    return this.runners.map((runner) => runner.positionGiven(stored(runner.checkpointId)));
  }

  /** Its status from its stored rows, its position (`positionGiven`) and the log's backlog after it. */
  statusGiven(stored: StoredCheckpoints, position: LogPosition | null, backlog: LogBacklog): SubscriptionStatus {
    const rows = this.runners.map((runner) => stored(runner.checkpointId));
    const progresses = this.runners.map((runner) => runner.progress);
    const lagSeconds = backlog.oldestOccurredAt ? Math.max(0, (Date.now() - backlog.oldestOccurredAt.getTime()) / 1000) : 0;
    const sum = (count: (index: number) => number) => this.runners.reduce((total, _, index) => total + count(index), 0);
    return {
      subscriptionId: this.subscriptionId,
      state: this.state,
      active: this.runners.some((runner) => runner.leads),
      position,
      lagEvents: backlog.events,
      lagExact: backlog.exact,
      lagSeconds,
      lastError: progresses.find((progress) => progress.lastError)?.lastError ?? rows.find((row) => row?.lastError)?.lastError ?? null,
      parkedEvents: sum((index) => rows[index]?.parkedEvents ?? progresses[index]!.parkedEvents),
      processedEvents: sum((index) => progresses[index]!.processedEvents),
      handlerFailures: sum((index) => progresses[index]!.handlerFailures),
      waitingFor: progresses.find((progress) => progress.waitingFor)?.waitingFor ?? null,
      partitions: { count: this.runners.length, held: this.runners.filter((runner) => runner.leads).map((runner) => runner.partition.index) },
    };
  }

  /**
   * Rebuilds the read model from the first event. When it declares its tables (`ownsTables`) and
   * the store offers blue/green rebuilds, this process builds new copies beside the serving ones,
   * running every partition of the copy itself, and switches them in once caught up (see
   * `rebuildStatus()` and `rebuilt()`); readers never see it partly built, and a failure leaves the
   * serving one as it was. Partitions that other processes lead carry on in the new tables, from
   * the moved checkpoints, at their next commit. Otherwise it forgets the checkpoints (every
   * partition's, at once) and parked events, so the subscription clears its read model
   * (`onInitialPosition`) and replays every event: partitions this process leads start over at
   * once; those another process leads do so at their next commit, when the moved checkpoint
   * refuses it. Tools that do not run the subscription (the CLI) call it before `start()`.
   */
  async rebuild(): Promise<void> {
    const tables = this.blueGreenTables();
    if (!tables) {
      await this.store.reset(...this.checkpointIds);
      this.runners.forEach((runner) => runner.checkpointReset());
      return;
    }
    if (this.blueGreenRebuild?.underWay) throw new RebuildUnderWayError(this.subscriptionId);
    const rebuild = new BlueGreenRebuild<Tx>({
      definition: this.definition,
      liveCheckpointIds: this.checkpointIds,
      eventStore: this.eventStore,
      tables,
      logger: this.logger,
      resolveReadDependencies: this.resolveReadDependencies,
      onSwitched: () => this.runners.forEach((runner) => runner.checkpointReset()),
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
    if (local && local.state !== 'switched') {
      const position = await local.position();
      return { state: local.state, position, lagEvents: await this.lagAfter(position), lastError: local.lastError };
    }
    const checkpointIds = rebuildCheckpointIdsOf(this.subscriptionId, this.runners.length);
    const stored = await this.storedRows(checkpointIds);
    if (stored.length === 0) return null;
    const failed = stored.some((row) => row.state === 'failed') || !(await tables.isRunning(checkpointIds));
    const lastError = stored.find((row) => row.lastError)?.lastError?.message ?? (failed ? 'The process that ran it ended before it switched' : null);
    // The partitions' rows are created together: one missing is one not created yet, which has handled nothing.
    const position = stored.length === checkpointIds.length ? slowestOf(stored.map((row) => row.position)) : null;
    return { state: failed ? 'failed' : 'building', position, lagEvents: await this.lagAfter(position), lastError };
  }

  /** The stored rows of these checkpoints, with one read whatever their number. */
  private async storedRows(checkpointIds: readonly string[]): Promise<StoredSubscription[]> {
    if (checkpointIds.length === 1) return [await this.store.find(checkpointIds[0]!)].filter((row) => row !== null);
    return (await this.store.list()).filter((row) => checkpointIds.includes(row.subscriptionId));
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
  async parkedEvents(): Promise<ParkedEvent[]> {
    const lists = await Promise.all(this.checkpointIds.map((checkpointId) => this.store.listParked(checkpointId)));
    return lists.flat().sort((a, b) => compareLogPositions(a.position, b.position));
  }

  /**
   * Hands a parked event to its handler again, e.g. once the handler is fixed, and takes it off the
   * parked list in the same transaction. Runs whether or not this process leads: the event lies
   * behind the checkpoint, where the lead loop no longer goes. Throws `ParkedEventNotFoundError`
   * when the event is not parked.
   */
  async replayParked(eventId: string): Promise<ParkedEventReplay> {
    const parked = await this.findParked(eventId);
    return this.runnerOfStream(parked.streamName).replayParked(await this.readParked(parked));
  }

  /** Takes a parked event off the list without handling it; the store keeps it as skipped. */
  async skipParked(eventId: string): Promise<void> {
    const checkpointId = this.runners.length === 1 ? this.subscriptionId : this.runnerOfStream((await this.findParked(eventId)).streamName).checkpointId;
    await this.store.resolveParked(checkpointId, eventId, 'skipped', async () => undefined);
  }

  private async storedCheckpoints(): Promise<StoredCheckpoints> {
    return storedCheckpoints(await this.storedRows(this.checkpointIds));
  }

  /** Why `caughtUp()` gave up: stopped, or a partition failed, with its handler's error as a lone partition's waiters get it. */
  private notCaughtUp(): Error {
    const failure = this.runners.find((runner) => runner.progress.state === 'failed')?.progress.lastError;
    return new Error(`Subscription "${this.subscriptionId}" ${failure ? `failed: ${failure.message}` : this.state === 'failed' ? 'failed' : 'stopped'}`);
  }

  /** False once stopped, or once a partition failed: that partition will not catch up. */
  private isRunning(): boolean {
    return this.running && this.runners.every((runner) => runner.isRunning);
  }

  /** Itself as a subscription another reads from: what `caughtUp()` waits for. */
  private asDependency(): ReadDependency {
    return readDependencyOf(this.definition);
  }

  private readDependencies(dependencies: readonly ReadDependency[]): ReadDependencies {
    return new ReadDependencies(dependencies, this.eventStore, this.store, this.definition.options.batchSize);
  }

  private runnerOfStream(streamName: string): PartitionRunner<Tx> {
    return this.runners[partitionOfStream(streamName, this.runners.length)]!;
  }

  private async findParked(eventId: string): Promise<ParkedEvent> {
    const parked = (await this.parkedEvents()).find((candidate) => candidate.eventId === eventId);
    if (!parked) throw new ParkedEventNotFoundError(this.subscriptionId, eventId);
    return parked;
  }

  /** The parked event as handlers see it, read back from the log at its position. */
  private async readParked(parked: ParkedEvent): Promise<ApplicationEvent> {
    const { transactionId, globalPosition } = parked.position;
    // Positions order by transaction, then global position: nothing lies between this one and the event.
    const page = await this.eventStore.readAll({ after: { transactionId, globalPosition: globalPosition - 1n }, limit: 1 });
    const event = page.events[0];
    if (event?.id !== parked.eventId) throw new Error(`Parked event "${parked.eventId}" of "${this.subscriptionId}" is not readable from the log`);
    return event;
  }
}

/** The position furthest behind; null when one of them is. */
function slowestOf(positions: readonly (LogPosition | null)[]): LogPosition | null {
  if (positions.some((position) => position === null)) return null;
  return (positions as LogPosition[]).reduce((slowest, position) => (compareLogPositions(position, slowest) < 0 ? position : slowest));
}

/** The rows as a look-up by checkpoint id. */
export function storedCheckpoints(rows: readonly (StoredSubscription | null)[]): StoredCheckpoints {
  const byId = new Map(rows.filter((row): row is StoredSubscription => row !== null).map((row) => [row.subscriptionId, row]));
  return (checkpointId) => byId.get(checkpointId) ?? null;
}
