import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { subscriptionStatus } from '../testing/subscription-status';
import type { SubscriptionStatus } from './subscription-options';
import { SubscriptionStatusMonitor } from './subscription-status-monitor';

const OPTIONS = { refreshEveryMs: 500, maxAgeMs: 2_000, idleAfterMs: 10_000 };

/** A read of the stores that answers with the next lag each time, or with the failure set. */
function countingReads() {
  const reads = { count: 0, failWith: null as Error | null };
  const read = vi.fn(async () => {
    reads.count += 1;
    if (reads.failWith) throw reads.failWith;
    return [subscriptionStatus({ lagEvents: reads.count })];
  });
  return { reads, read };
}

describe('SubscriptionStatusMonitor', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-04T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('given no read yet, when asked, then it reads the stores and stamps the figures with when the read began', async () => {
    const { read } = countingReads();
    const monitor = new SubscriptionStatusMonitor(read, OPTIONS);

    const observed = await monitor.latest();

    expect(observed.statuses[0]!.lagEvents).toBe(1);
    expect(observed.observedAt.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    await monitor.stop();
  });

  it('given callers asking without pause, then the stores are read once per refresh interval, not once per caller', async () => {
    const { reads, read } = countingReads();
    const monitor = new SubscriptionStatusMonitor(read, OPTIONS);

    for (let asked = 0; asked < 100; asked++) {
      await monitor.latest();
      await vi.advanceTimersByTimeAsync(20);
    }

    // 100 callers over 2 s: read at 0, 0.5, 1, 1.5 and 2 s.
    expect(reads.count).toBe(5);
    expect((await monitor.latest()).statuses[0]!.lagEvents).toBe(5);
    await monitor.stop();
  });

  it('given a refresh under way, when asked while the last figures are still young enough, then it answers at once with them', async () => {
    let finishRead: (statuses: SubscriptionStatus[]) => void = () => undefined;
    const read = vi.fn(async () => [subscriptionStatus({ lagEvents: 1 })]);
    const monitor = new SubscriptionStatusMonitor(read, OPTIONS);
    await monitor.latest();
    read.mockImplementation(() => new Promise((resolve) => (finishRead = resolve)));

    await vi.advanceTimersByTimeAsync(600);
    const answered = await monitor.latest();

    expect(answered.statuses[0]!.lagEvents).toBe(1);
    finishRead([subscriptionStatus({ lagEvents: 2 })]);
    await vi.advanceTimersByTimeAsync(0);
    expect((await monitor.latest()).statuses[0]!.lagEvents).toBe(2);
    await monitor.stop();
  });

  it('given figures older than the maximum age, when asked, then the caller waits for a new read', async () => {
    const { reads, read } = countingReads();
    const monitor = new SubscriptionStatusMonitor(read, { ...OPTIONS, idleAfterMs: 1 });
    await monitor.latest();

    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads.count).toBe(1);
    const observed = await monitor.latest();

    expect(reads.count).toBe(2);
    expect(observed.observedAt.toISOString()).toBe('2026-12-04T10:00:05.000Z');
    await monitor.stop();
  });

  it('given nobody asked for longer than the idle time, then it stops reading the stores', async () => {
    const { reads, read } = countingReads();
    const monitor = new SubscriptionStatusMonitor(read, OPTIONS);
    await monitor.latest();

    await vi.advanceTimersByTimeAsync(60_000);

    // Asked once at 0 s: read then, and every 500 ms until 10 s of idleness.
    expect(reads.count).toBe(20);
    await monitor.stop();
  });

  it('given a read that fails, then the figures from before are not given: the caller gets the error until a read succeeds', async () => {
    const { reads, read } = countingReads();
    const monitor = new SubscriptionStatusMonitor(read, OPTIONS);
    await monitor.latest();

    reads.failWith = new Error('connection refused');
    await vi.advanceTimersByTimeAsync(500);
    await expect(monitor.latest()).rejects.toThrow('connection refused');
    await expect(monitor.latest()).rejects.toThrow('connection refused');

    reads.failWith = null;
    const observed = await monitor.latest();
    expect(observed.statuses[0]!.lagEvents).toBe(reads.count);
    await monitor.stop();
  });

  it('given it was stopped, then it reads nothing more and refuses to answer', async () => {
    const { reads, read } = countingReads();
    const monitor = new SubscriptionStatusMonitor(read, OPTIONS);
    await monitor.latest();

    await monitor.stop();
    await vi.advanceTimersByTimeAsync(5_000);

    expect(reads.count).toBe(1);
    await expect(monitor.latest()).rejects.toThrow('stopped');
  });
});
