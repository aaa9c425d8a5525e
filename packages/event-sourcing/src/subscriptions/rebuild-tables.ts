import type { LogPosition } from '../core/events';
import type { SubscriptionStore } from './subscription-store';

/** The store a rebuild's subscription runs on; closed when the rebuild ends. */
export type RebuildStore<Tx> = SubscriptionStore<Tx> & Readonly<{ close(): Promise<void> }>;

/** A live checkpoint and the rebuild's checkpoint that replaces it at the switch: one pair per partition. */
export type CheckpointSwitch = Readonly<{ live: string; rebuilt: string }>;

/**
 * What a store offers for blue/green rebuilds: empty copies of a read model's tables beside the
 * serving ones, a store whose transactions write to the copies, and the switch that puts them in
 * place. Stores that cannot keep a transaction open while another commits (PGlite's one
 * connection) do not offer it, and their subscriptions rebuild by reset and replay.
 */
export interface RebuildTables<Tx> {
  /**
   * Creates empty copies of `tables` for the rebuild `rebuildId`, dropping whatever an earlier,
   * failed run of it left, and forgets that run's checkpoints (`rebuildId` and its partitions',
   * of any partition count). Returns a store for the rebuilding subscription whose transactions
   * resolve the tables' unqualified names to the copies.
   */
  prepare(rebuildId: string, tables: readonly string[]): Promise<RebuildStore<Tx>>;

  /**
   * Pauses the live subscription (the next commit of each of its partitions waits), calls
   * `haltRebuildReaching` with the live checkpoints, in the order of `checkpoints`, so that the
   * rebuild stops once each of its partitions has handled at least as much as its live one, then in
   * one transaction swaps the copies in for the serving tables, moves each live checkpoint to its
   * rebuilt one and each rebuilt one's parked events to the live one. A paused commit then finds
   * its checkpoint moved and its partition carries on from there, on the new tables. Returns the
   * live checkpoints' new positions, in the same order. Rolls everything back if any step fails.
   */
  switchOver(
    rebuildId: string,
    checkpoints: readonly CheckpointSwitch[],
    tables: readonly string[],
    haltRebuildReaching: (livePositions: readonly LogPosition[]) => Promise<void>,
  ): Promise<LogPosition[]>;

  /** Drops the copies (or, after a switch, the tables they replaced) and forgets the rebuild's checkpoints. */
  discard(rebuildId: string): Promise<void>;

  /** Whether some process holds the lease of any of `checkpointIds`, i.e. runs one of them. */
  isRunning(checkpointIds: readonly string[]): Promise<boolean>;
}
