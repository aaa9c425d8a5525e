import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '../core/event-store';
import { compareLogPositions, type LogPosition } from '../core/events';
import { RebuildUnderWayError } from '../core/errors';
import type { SdkLogger } from '../core/logger';
import { EventsSubscription } from './events-subscription';
import { partitionCheckpointId, partitionsOf } from './partitions';
import type { ReadDependency } from './read-dependencies';
import type { RebuildStore, RebuildTables } from './rebuild-tables';
import type { RebuildState, SubscriptionDefinition } from './subscription-options';
import { describeError } from './subscription-progress';

/** How often the switch, holding the live partitions paused, looks whether the rebuild's have reached them. */
const HALT_POLL_MS = 5;
/** Stopping the rebuild waits this long for the page it is committing. */
const REBUILD_STOP_TIMEOUT_MS = 60_000;

/** The id of the subscription that builds the new copy of `subscriptionId`'s read model: its checkpoint and lease. */
export function rebuildIdOf(subscriptionId: string): string {
  return `${subscriptionId}:rebuild`;
}

/**
 * The checkpoint ids of the rebuild's partitions, in partition order: derived from the rebuild's id as
 * the live ones are from the subscription's (`<id>:rebuild/partition-<i>-of-<N>`), the rebuild's id alone with one.
 */
export function rebuildCheckpointIdsOf(subscriptionId: string, partitionCount: number): string[] {
  return partitionsOf(partitionCount).map((partition) => partitionCheckpointId(rebuildIdOf(subscriptionId), partition));
}

/** Whether every partition has handled at least as much as its live counterpart (both in partition order). */
function reachesEvery(positions: readonly (LogPosition | null)[], live: readonly LogPosition[]): boolean {
  return live.every((livePosition, index) => {
    const position = positions[index] ?? null;
    return position !== null && compareLogPositions(position, livePosition) >= 0;
  });
}

export type BlueGreenRebuildContext<Tx> = Readonly<{
  definition: SubscriptionDefinition<Tx>;
  /** The live subscription's checkpoint ids, in partition order: each is moved to its rebuilt counterpart at the switch. */
  liveCheckpointIds: readonly string[];
  eventStore: EventStore;
  tables: RebuildTables<Tx>;
  logger: SdkLogger;
  resolveReadDependencies: () => readonly ReadDependency[];
  /** The copy serves now: the live partitions this process leads start over from the new checkpoints. */
  onSwitched: () => void;
}>;

/**
 * One blue/green rebuild in this process: runs a second instance of the subscription's definition,
 * under its own checkpoints and leases (every partition of it here), into copies of its tables,
 * then switches them in once it has caught up. Until the switch commits, the serving tables and the
 * live subscription are untouched, so a failure anywhere (a handler, the switch, this process
 * ending) leaves them serving.
 */
export class BlueGreenRebuild<Tx> {
  state: RebuildState = 'building';
  lastError: string | null = null;
  readonly rebuildId: string;
  /** Its partitions' checkpoint ids, in the order of the live ones they replace. */
  private readonly checkpointIds: readonly string[];
  private rebuilding: EventsSubscription<Tx> | null = null;
  private rebuildingStore: RebuildStore<Tx> | null = null;
  /** Settles when it has switched (resolves) or failed (rejects). */
  private finished: Promise<void> = Promise.resolve();

  constructor(private readonly context: BlueGreenRebuildContext<Tx>) {
    this.rebuildId = rebuildIdOf(context.definition.subscriptionId);
    this.checkpointIds = rebuildCheckpointIdsOf(context.definition.subscriptionId, context.liveCheckpointIds.length);
  }

  /** Prepares the copies and starts building them; returns once the build runs, and throws if it cannot start. */
  async start(): Promise<void> {
    const { definition, tables, eventStore, logger, resolveReadDependencies } = this.context;
    // Preparing drops what an earlier run left: never under a run that is still building.
    if (await tables.isRunning(this.checkpointIds)) throw new RebuildUnderWayError(definition.subscriptionId);
    this.rebuildingStore = await tables.prepare(this.rebuildId, definition.ownedTables);
    this.rebuilding = new EventsSubscription<Tx>(
      // Its commits change nothing readers see until the switch, which tells them once.
      { ...definition, subscriptionId: this.rebuildId, afterCommit: () => undefined },
      eventStore,
      this.rebuildingStore,
      logger,
      { resolveReadDependencies, leadsEveryPartition: true },
    );
    await this.rebuilding.start();
    this.finished = this.buildAndSwitch();
    // Observed through `state`, `lastError` and `done()`; an unobserved rejection must not end the process.
    this.finished.catch(() => undefined);
  }

  /** Resolves once switched; rejects with the failure. */
  done(): Promise<void> {
    return this.finished;
  }

  get underWay(): boolean {
    return this.state === 'building' || this.state === 'switching';
  }

  position(): Promise<LogPosition | null> {
    return this.rebuilding ? this.rebuilding.status().then((status) => status.position) : Promise.resolve(null);
  }

  /** Stops building, e.g. when the application shuts down; what was built stays for inspection until the next rebuild. */
  async stop(): Promise<void> {
    if (this.underWay) this.fail(new Error('Stopped before it caught up'));
    await this.rebuilding?.stop(REBUILD_STOP_TIMEOUT_MS);
  }

  private async buildAndSwitch(): Promise<void> {
    const { definition, tables, logger } = this.context;
    const rebuilding = this.rebuilding!;
    try {
      // Caught up with the log as it is now; the live subscription may be a few events further still, which the switch waits for.
      await rebuilding.caughtUp();
      this.state = 'switching';
      const checkpoints = this.context.liveCheckpointIds.map((live, index) => ({ live, rebuilt: this.checkpointIds[index]! }));
      const positions = await tables.switchOver(this.rebuildId, checkpoints, definition.ownedTables, (live) => this.haltReaching(live));
      this.state = 'switched';
      logger.info('Rebuilt read model switched in', {
        subscriptionId: definition.subscriptionId,
        globalPositions: positions.map((position) => position.globalPosition.toString()),
      });
      this.context.onSwitched();
      await tables.discard(this.rebuildId);
      await Promise.resolve()
        .then(() => definition.afterCommit())
        .catch((error: unknown) => logger.warn('After-commit handler failed', { subscriptionId: definition.subscriptionId, error: describeError(error) }));
    } catch (error) {
      if (this.underWay) this.fail(error);
      await rebuilding.stop(REBUILD_STOP_TIMEOUT_MS);
      throw error;
    } finally {
      await this.rebuildingStore?.close();
    }
  }

  /**
   * Lets each partition of the rebuild handle everything up to its paused live partition's position
   * (in partition order), then stops them all there or past it. Gives up after the subscription's
   * `rebuildSwitchTimeoutMs` rather than hold the live read model paused for good, even while a look
   * at the positions, or a rebuild page it waits for, still waits for a connection: the pool may
   * have none to give until the switch lets the live partitions go.
   */
  private async haltReaching(live: readonly LogPosition[]): Promise<void> {
    const timeoutMs = this.context.definition.options.rebuildSwitchTimeoutMs;
    const reachedOrGaveUp = new AbortController();
    const deadline = sleep(timeoutMs, undefined, { signal: reachedOrGaveUp.signal }).then(
      () => Promise.reject(new Error(`Rebuild did not reach the paused live position within ${timeoutMs / 1000} s; is the connection pool too small?`)),
      // Aborted: the rebuild reached it and stopped in time, or failed first.
      () => undefined,
    );
    try {
      await Promise.race([this.untilReaching(live, reachedOrGaveUp.signal).then(() => this.rebuilding!.stop(REBUILD_STOP_TIMEOUT_MS)), deadline]);
    } finally {
      reachedOrGaveUp.abort();
    }
  }

  /** Resolves once every partition of the rebuild has reached its live one; rejects if the rebuild fails or stops first. */
  private async untilReaching(live: readonly LogPosition[], abandoned: AbortSignal): Promise<void> {
    const rebuilding = this.rebuilding!;
    while (!abandoned.aborted) {
      const positions = await rebuilding.partitionPositions();
      const { state } = rebuilding;
      if (state === 'failed' || state === 'stopped') throw new Error(`Rebuild ${state} before reaching the live position`);
      if (reachesEvery(positions, live)) return;
      await sleep(HALT_POLL_MS);
    }
  }

  private fail(error: unknown): void {
    this.state = 'failed';
    this.lastError = describeError(error);
    this.context.logger.error('Rebuild failed; the serving read model is unchanged', {
      subscriptionId: this.context.definition.subscriptionId,
      error: this.lastError,
    });
  }
}
