import type { SubscriptionStatus } from './subscription-options';

/** Statuses as one read of the stores saw them. */
export interface ObservedStatuses {
  readonly statuses: readonly SubscriptionStatus[];
  readonly observedAt: Date;
}

export interface SubscriptionStatusMonitorOptions {
  /** How often the statuses are read again while someone asks for them. */
  readonly refreshEveryMs: number;
  /** The oldest figures a caller is given; one who finds only older ones waits for a read. */
  readonly maxAgeMs: number;
  /** Refreshing stops after this long without a `latest()`, so an idle process reads nothing. */
  readonly idleAfterMs: number;
  readonly now?: () => number;
}

export const DEFAULT_STATUS_MONITOR_OPTIONS: SubscriptionStatusMonitorOptions = { refreshEveryMs: 500, maxAgeMs: 2_000, idleAfterMs: 60_000 };

/**
 * Answers "how are the subscriptions?" from a read made in the background every `refreshEveryMs`,
 * so that what health checks and dashboards ask often costs no database round trip, and a slow
 * read (a lock, a busy server) delays the next refresh instead of every caller. A caller who finds
 * no read younger than `maxAgeMs` (the first, or one after an idle spell) waits for one. After a
 * failed read every caller waits for a new one, and gets its error if it fails too: stale figures
 * never stand in for a database that stopped answering.
 */
export class SubscriptionStatusMonitor {
  private observed: ObservedStatuses | null = null;
  private failure: { readonly error: unknown } | null = null;
  private refreshing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastAskedAt = 0;
  private stopped = false;
  private readonly now: () => number;

  constructor(
    private readonly read: () => Promise<SubscriptionStatus[]>,
    private readonly options: SubscriptionStatusMonitorOptions = DEFAULT_STATUS_MONITOR_OPTIONS,
  ) {
    this.now = options.now ?? Date.now;
  }

  async latest(): Promise<ObservedStatuses> {
    if (this.stopped) throw new Error('The subscription status monitor is stopped');
    this.lastAskedAt = this.now();
    if (!this.isFresh()) await this.refresh();
    else this.keepRefreshing();
    if (this.failure) throw this.failure.error;
    return this.observed!;
  }

  /** Stops refreshing; waits for a read under way so that nothing touches the stores afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.refreshing;
  }

  private isFresh(): boolean {
    const last = this.failure ? null : this.observed;
    return last !== null && this.now() - last.observedAt.getTime() < this.options.maxAgeMs;
  }

  private refresh(): Promise<void> {
    this.refreshing ??= this.readOnce().finally(() => {
      this.refreshing = null;
      this.keepRefreshing();
    });
    return this.refreshing;
  }

  private async readOnce(): Promise<void> {
    const startedAt = this.now();
    try {
      const statuses = await this.read();
      // Stamped with when the read began: the figures are at least that old.
      this.observed = { statuses, observedAt: new Date(startedAt) };
      this.failure = null;
    } catch (error) {
      this.failure = { error };
    }
  }

  private keepRefreshing(): void {
    if (this.stopped || this.timer || this.refreshing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.now() - this.lastAskedAt < this.options.idleAfterMs) void this.refresh();
    }, this.options.refreshEveryMs);
    // A monitor nobody stopped must not keep the process alive.
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
