import type { LogPosition } from '../core/events';
import type { SubscriptionStore } from './subscription-store';

/** The store a rebuild's subscription runs on; closed when the rebuild ends. */
export type RebuildStore<Tx> = SubscriptionStore<Tx> & Readonly<{ close(): Promise<void> }>;

/**
 * What a store offers for blue/green rebuilds: empty copies of a read model's tables beside the
 * serving ones, a store whose transactions write to the copies, and the switch that puts them in
 * place. Stores that cannot keep a transaction open while another commits (PGlite's one
 * connection) do not offer it, and their subscriptions rebuild by reset and replay.
 */
export interface RebuildTables<Tx> {
  /**
   * Creates empty copies of `tables` for the rebuild `rebuildId`, dropping whatever an earlier,
   * failed run of it left, and forgets that run's checkpoint. Returns a store for the rebuilding
   * subscription whose transactions resolve the tables' unqualified names to the copies.
   */
  prepare(rebuildId: string, tables: readonly string[]): Promise<RebuildStore<Tx>>;

  /**
   * Pauses the live subscription (its next commit waits), calls `haltRebuildReaching` with the live
   * checkpoint so that the rebuild stops once it has handled at least as much, then in one
   * transaction swaps the copies in for the serving tables, moves the live checkpoint to the
   * rebuild's and the rebuild's parked events to the live subscription. The paused commit then
   * finds its checkpoint moved and the live subscription carries on from there, on the new tables.
   * Returns the live subscription's new position. Rolls everything back if any step fails.
   */
  switchOver(
    subscriptionId: string,
    rebuildId: string,
    tables: readonly string[],
    haltRebuildReaching: (livePosition: LogPosition) => Promise<void>,
  ): Promise<LogPosition>;

  /** Drops the copies (or, after a switch, the tables they replaced) and forgets the rebuild's checkpoint. */
  discard(rebuildId: string): Promise<void>;

  /** Whether some process holds the lease of `subscriptionId`, i.e. runs it. */
  isRunning(subscriptionId: string): Promise<boolean>;
}
