import type { EventFilter, EventStore } from '../core/event-store';
import { compareLogPositions, LOG_START, logPositionOf, type LogPosition } from '../core/events';
import { partitionCheckpointId, partitionsOf } from './partitions';
import type { SubscriptionDefinition } from './subscription-options';
import type { SubscriptionStore } from './subscription-store';

/** A subscription whose read model another one reads, the event types it handles and how many partitions it runs as. */
export type ReadDependency = Readonly<{ subscriptionId: string; eventTypes: readonly string[]; partitionCount: number }>;

/** A subscription as others wait on it: the event types it handles, over as many partitions as it runs. */
export function readDependencyOf<Tx>(definition: SubscriptionDefinition<Tx>): ReadDependency {
  return { subscriptionId: definition.subscriptionId, eventTypes: [...definition.handlers.keys()], partitionCount: definition.options.partitions };
}

/** One partition of a dependency (the whole of it when it has one), tracked on its own checkpoint. */
type Tracked = Readonly<{ subscriptionId: string; checkpointId: string; filter: EventFilter }> & {
  /** Its stored checkpoint at the last look: one further back means it was reset and replays. */
  checkpoint: LogPosition;
  /** It is known to have nothing left to handle at or before this position. */
  clearUpTo: LogPosition;
};

/**
 * Tells whether the subscriptions one reads from have handled everything up to a log position.
 * A dependency has when each of its partitions has: when the partition's checkpoint is there, or
 * when no event it handles (of its types, in its streams) lies between its checkpoint and that
 * position: while it scans entries it does not handle, it moves its stored checkpoint only now and
 * then (`idleCheckpointEvery`). What a look finds is remembered, so later looks at positions
 * already covered cost no query and scans never cover the same entries twice.
 */
export class ReadDependencies {
  private readonly tracked: Tracked[];

  constructor(
    dependencies: readonly ReadDependency[],
    private readonly eventStore: EventStore,
    private readonly store: Pick<SubscriptionStore<unknown>, 'find'>,
    private readonly scanPageSize: number,
  ) {
    this.tracked = dependencies.flatMap(({ subscriptionId, eventTypes, partitionCount }) =>
      partitionsOf(partitionCount).map((partition) => ({
        subscriptionId,
        checkpointId: partitionCheckpointId(subscriptionId, partition),
        filter: { eventTypes, ...(partitionCount > 1 && { partition }) },
        checkpoint: LOG_START,
        clearUpTo: LOG_START,
      })),
    );
  }

  /** The first dependency that may still have to handle an event at or before `position`; null when none. */
  async firstBehind(position: LogPosition): Promise<string | null> {
    for (const dependency of this.tracked) {
      if (!(await this.hasPassed(dependency, position))) return dependency.subscriptionId;
    }
    return null;
  }

  private async hasPassed(dependency: Tracked, position: LogPosition): Promise<boolean> {
    if (compareLogPositions(dependency.clearUpTo, position) >= 0) return true;
    // Not started yet (or just reset): it has handled nothing.
    const checkpoint = (await this.store.find(dependency.checkpointId))?.position ?? LOG_START;
    // Further back than last time: it was reset (a rebuild), and what earlier scans found no longer holds.
    const wasReset = compareLogPositions(checkpoint, dependency.checkpoint) < 0;
    dependency.checkpoint = checkpoint;
    if (wasReset || compareLogPositions(checkpoint, dependency.clearUpTo) > 0) dependency.clearUpTo = checkpoint;

    while (compareLogPositions(dependency.clearUpTo, position) < 0) {
      const page = await this.eventStore.readAll({ after: dependency.clearUpTo, limit: this.scanPageSize, filter: dependency.filter });
      const next = page.events[0];
      if (next && compareLogPositions(logPositionOf(next), position) <= 0) return false;
      // `position` is visible to the reader that asks, so this only guards against looping on nothing.
      if (page.scannedCount === 0) return false;
      // The first event it handles lies beyond `position`, or none does in this page.
      dependency.clearUpTo = next ? position : page.lastScannedPosition;
    }
    return true;
  }
}
