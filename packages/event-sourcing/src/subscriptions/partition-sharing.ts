import { randomUUID } from 'node:crypto';
import type { SdkLogger } from '../core/logger';
import type { Partition } from '../core/stream-partition';
import { mayTakeAnother, partitionsToYield } from './partitions';
import { describeError } from './subscription-progress';
import type { SubscriptionLease, SubscriptionStore } from './subscription-store';
import { Wakeup } from './wakeup';

/** How often an instance announces itself and rebalances. */
export const ANNOUNCE_EVERY_MS = 1_000;

/**
 * An instance not heard from for this long counts as gone. Several announcement periods, so one
 * slow round trip does not make the others take its partitions; its leases are what actually
 * guard a partition, so a dead instance's partitions are taken over as soon as its connection
 * closes, before this window ends.
 */
export const INSTANCE_LIVENESS_MS = 5_000;

type Claim = { readonly partition: Partition; yielded: boolean; readonly onYield: () => void };

/**
 * How the instances running one partitioned subscription share its partitions. Each announces
 * itself with the number of partitions it holds; from the live announcements it takes partitions
 * only up to its fair share, and gives up those above it, so a joining instance gets its share
 * within seconds and a dead one's partitions go to the others. Which partition a lease guards is
 * left to the leases: any instance may run any partition.
 */
export class PartitionSharing {
  private readonly instanceId = randomUUID();
  private readonly claims = new Map<string, Claim>();
  private readonly wakeup = new Wakeup();
  /** What the other live instances held at the last announcement; null until one succeeded. */
  private othersHeld: number[] | null = null;
  private acquisitions: Promise<unknown> = Promise.resolve();
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly subscriptionId: string,
    private readonly partitionCount: number,
    private readonly store: Pick<SubscriptionStore<unknown>, 'tryAcquire' | 'announce' | 'withdraw'>,
    private readonly logger: SdkLogger,
  ) {}

  /** Announces this instance at once, then keeps announcing and rebalancing in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.announce();
    this.loop = this.announceUntilStopped();
  }

  /** Stops announcing and takes the announcement back, so the others may take its share now. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeup.signal();
    await this.loop;
    this.loop = null;
    this.othersHeld = null;
    await this.store.withdraw(this.subscriptionId, this.instanceId).catch((error: unknown) => {
      this.logger.warn('Could not withdraw the subscription instance announcement', { subscriptionId: this.subscriptionId, error: describeError(error) });
    });
  }

  /**
   * The partition's lease, if it is free and this instance is below its fair share. The lease reads
   * as lost once this instance gives the partition up (`onYield` is then called, to end a wait).
   * Acquisitions run one at a time, so concurrent ones cannot together overshoot the share.
   */
  tryAcquire(partition: Partition, checkpointId: string, onYield: () => void): Promise<SubscriptionLease | null> {
    const acquisition = this.acquisitions.then(() => this.acquire(partition, checkpointId, onYield));
    this.acquisitions = acquisition.catch(() => undefined);
    return acquisition;
  }

  private async acquire(partition: Partition, checkpointId: string, onYield: () => void): Promise<SubscriptionLease | null> {
    if (!this.running || this.othersHeld === null || !mayTakeAnother(this.claims.size, this.othersHeld, this.partitionCount)) return null;
    const lease = await this.store.tryAcquire(checkpointId);
    if (!lease) return null;
    const claim: Claim = { partition, yielded: false, onYield };
    this.claims.set(checkpointId, claim);
    return {
      isHeld: () => !claim.yielded && lease.isHeld(),
      release: async () => {
        if (this.claims.get(checkpointId) === claim) this.claims.delete(checkpointId);
        await lease.release();
      },
    };
  }

  private async announceUntilStopped(): Promise<void> {
    while (this.running) {
      await this.wakeup.wait(ANNOUNCE_EVERY_MS);
      if (this.running) await this.announce();
    }
  }

  private async announce(): Promise<void> {
    try {
      const held = [...this.claims.values()].filter((claim) => !claim.yielded);
      const live = await this.store.announce(this.subscriptionId, { instanceId: this.instanceId, heldPartitions: held.length }, INSTANCE_LIVENESS_MS);
      this.othersHeld = live.filter((instance) => instance.instanceId !== this.instanceId).map((instance) => instance.heldPartitions);
      this.yieldAboveShare(held);
    } catch (error) {
      this.logger.warn('Could not announce the subscription instance', { subscriptionId: this.subscriptionId, error: describeError(error) });
    }
  }

  /** Gives up the highest partitions above the fair share; their runners release them and stand by. */
  private yieldAboveShare(held: readonly Claim[]): void {
    const surplus = partitionsToYield(held.length, this.othersHeld ?? [], this.partitionCount);
    if (surplus === 0) return;
    const yielded = [...held].sort((a, b) => b.partition.index - a.partition.index).slice(0, surplus);
    this.logger.info('Giving up subscription partitions above the fair share', {
      subscriptionId: this.subscriptionId,
      partitions: yielded.map((claim) => claim.partition.index),
    });
    yielded.forEach((claim) => {
      claim.yielded = true;
      claim.onYield();
    });
  }
}
