/** A position in the log as events and responses carry it: 64-bit integers, as strings. */
export type RecordedLogPosition = Readonly<{ transactionId: string; globalPosition: string }>;

/**
 * A rebuild is under way from its request until the subscription's new checkpoint has reached the
 * end of the log as it was then (`replayTo`). No checkpoint (null) means the reset has not been
 * picked up yet, so the rebuild has not even begun. Positions order by transaction, then global position.
 */
export function rebuildHasFinished(checkpoint: RecordedLogPosition | null, replayTo: RecordedLogPosition): boolean {
  if (!checkpoint) return false;
  const byTransaction = BigInt(checkpoint.transactionId) - BigInt(replayTo.transactionId);
  if (byTransaction !== 0n) return byTransaction > 0n;
  return BigInt(checkpoint.globalPosition) >= BigInt(replayTo.globalPosition);
}
