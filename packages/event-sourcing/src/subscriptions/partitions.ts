import type { Partition } from '../core/stream-partition';

/**
 * The id a partition's checkpoint, lease and parked events are stored under. A subscription of
 * one partition keeps its own id, so its checkpoint is the one it always had. The count is part
 * of the id: checkpoints of another split never mix with these (a `/` never occurs in a
 * subscription id, so no subscription's id can collide with them).
 */
export function partitionCheckpointId(subscriptionId: string, partition: Partition): string {
  return partition.count === 1 ? subscriptionId : `${subscriptionId}/partition-${partition.index}-of-${partition.count}`;
}

export function partitionsOf(count: number): Partition[] {
  return Array.from({ length: count }, (_, index) => ({ index, count }));
}

/** The fewest and the most partitions an instance should hold when `liveInstances` share `count`. */
export function fairShare(count: number, liveInstances: number): Readonly<{ floor: number; ceil: number }> {
  const instances = Math.max(1, liveInstances);
  return { floor: Math.floor(count / instances), ceil: Math.ceil(count / instances) };
}

/**
 * Whether an instance holding `held` partitions may take one more, given what the other live
 * instances announced they hold. Never above the fair share; and not beyond the floor while
 * another instance is below it, so partitions given up for a newcomer go to the newcomer.
 */
export function mayTakeAnother(held: number, othersHeld: readonly number[], count: number): boolean {
  const { floor, ceil } = fairShare(count, othersHeld.length + 1);
  if (held >= ceil) return false;
  return held < floor || !othersHeld.some((other) => other < floor);
}

/**
 * How many partitions an instance should give up: those above the fair share (another instance
 * joined), or those above the floor while another instance is below it (the newcomer would
 * otherwise wait for ever when the shares round up).
 */
export function partitionsToYield(held: number, othersHeld: readonly number[], count: number): number {
  const { floor, ceil } = fairShare(count, othersHeld.length + 1);
  if (held > ceil) return held - ceil;
  if (held > floor && othersHeld.some((other) => other < floor)) return held - floor;
  return 0;
}
