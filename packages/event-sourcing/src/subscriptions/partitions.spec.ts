import { describe, expect, it } from 'vitest';
import { partitionOfStream } from '../core/stream-partition';
import { fairShare, mayTakeAnother, partitionCheckpointId, partitionsToYield } from './partitions';

/**
 * Instances rebalancing as they do at run time, one announcement round at a time: each learns what
 * the others held at the round's start, gives up its surplus, then takes free partitions while allowed.
 */
function settle(initiallyHeld: readonly number[], count: number, rounds = 10): number[] {
  const held = [...initiallyHeld];
  for (let round = 0; round < rounds; round++) {
    const announced = [...held];
    const othersOf = (instance: number) => announced.filter((_, other) => other !== instance);
    held.forEach((own, instance) => (held[instance] = own - partitionsToYield(own, othersOf(instance), count)));
    held.forEach((_, instance) => {
      const free = () => count - held.reduce((sum, each) => sum + each, 0);
      while (free() > 0 && mayTakeAnother(held[instance]!, othersOf(instance), count)) held[instance]! += 1;
    });
  }
  return held;
}

describe('stream partitions', () => {
  it('given stream names, then each maps to the partition of the MD5 of its UTF-8 name, as PostgreSQL computes it too', () => {
    // The same values as ('x' || substr(md5(name), 1, 8))::bit(32)::bigint % count.
    expect(partitionOfStream('Task_1', 4)).toBe(0);
    expect(partitionOfStream('Task_1', 7)).toBe(2);
    expect(partitionOfStream('Course_abc', 4)).toBe(1);
    expect(partitionOfStream('Użytkownik_ż', 4)).toBe(3);
  });

  it('given one partition, then every stream is in it', () => {
    expect(partitionOfStream('Task_1', 1)).toBe(0);
    expect(partitionOfStream('Course_abc', 1)).toBe(0);
  });

  it('given many streams, then they spread evenly over the partitions', () => {
    const counts = [0, 0, 0, 0];
    for (let id = 0; id < 20_000; id++) counts[partitionOfStream(`Task_${id}`, 4)]! += 1;
    counts.forEach((count) => expect(Math.abs(count - 5_000)).toBeLessThan(250));
  });

  it('given one partition, then its checkpoint keeps the subscription id; given more, then each has its own, with the count in it', () => {
    expect(partitionCheckpointId('Projection_v1', { index: 0, count: 1 })).toBe('Projection_v1');
    expect(partitionCheckpointId('Projection_v1', { index: 2, count: 4 })).toBe('Projection_v1/partition-2-of-4');
  });
});

describe('fair share of partitions', () => {
  it('given partitions and live instances, then the share is their quotient rounded down and up', () => {
    expect(fairShare(4, 1)).toEqual({ floor: 4, ceil: 4 });
    expect(fairShare(4, 3)).toEqual({ floor: 1, ceil: 2 });
    expect(fairShare(4, 8)).toEqual({ floor: 0, ceil: 1 });
  });

  it('given an instance at the rounded-up share, then it takes no more', () => {
    expect(mayTakeAnother(2, [1, 0], 4)).toBe(false);
    expect(mayTakeAnother(1, [2, 1], 4)).toBe(true);
  });

  it('given another instance below the rounded-down share, then one at it takes no more, so freed partitions go to the newcomer', () => {
    expect(mayTakeAnother(1, [1, 0], 4)).toBe(false);
    expect(mayTakeAnother(0, [1, 1], 4)).toBe(true);
  });

  it('given an instance above the share after a join, then it gives up the surplus', () => {
    expect(partitionsToYield(4, [0], 4)).toBe(2);
    expect(partitionsToYield(2, [2, 0], 4)).toBe(1);
    expect(partitionsToYield(2, [1, 1], 4)).toBe(0);
  });

  it('given one instance holding every partition, when a second joins, then they settle at half each', () => {
    expect(settle([4, 0], 4)).toEqual([2, 2]);
  });

  it('given two instances at two each, when a third joins, then it gets a share and every partition stays held', () => {
    const held = settle([2, 2, 0], 4);
    expect(held[2]).toBeGreaterThanOrEqual(1);
    expect(held.reduce((sum, each) => sum + each, 0)).toBe(4);
    held.forEach((each) => expect(each).toBeLessThanOrEqual(2));
  });

  it('given three instances, when the one holding two dies, then the others take its partitions', () => {
    // The dead instance still counts as live until its announcement goes stale: the survivors must not wait for that.
    const survivors = [1, 1];
    const deadAnnounced = 2;
    const takes = (own: number, other: number) => mayTakeAnother(own, [other, deadAnnounced], 4);
    expect(takes(survivors[0]!, survivors[1]!)).toBe(true);
    expect(settle(survivors, 4)).toEqual([2, 2]);
  });
});
