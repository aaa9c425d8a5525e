import type { SubscriptionOptions } from './subscription-options';
import type { Wakeup } from './wakeup';

/** How long a subscription sleeps between polls and retries, and how those sleeps end. */
export class Pacing {
  constructor(
    private readonly wakeup: Wakeup,
    private readonly options: SubscriptionOptions,
    private readonly isRunning: () => boolean,
  ) {}

  /** Sleeps until `ms` pass or something wakes the subscription: an append, a `caughtUp()` call, `stop()`. */
  idle(ms: number): Promise<void> {
    return this.wakeup.wait(ms);
  }

  /**
   * Sleeps through a back-off or a poll. New appends wake the subscription, but must not cut this
   * short: otherwise a failing handler is retried as often as events arrive. Only `stop()` ends it early.
   */
  async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (this.isRunning() && Date.now() < until) await this.wakeup.wait(until - Date.now());
  }

  /** Exponential back-off with jitter in its upper half, for the `retry`th retry (from 1). */
  backoff(retry: number): number {
    const { retryBaseDelayMs, retryMaxDelayMs } = this.options;
    const ceiling = Math.min(retryMaxDelayMs, retryBaseDelayMs * 2 ** (retry - 1));
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  /**
   * The poll interval spread over ±50%: subscriptions started together would otherwise poll together,
   * each reading a page, and take the pool's connections from requests all at once.
   */
  jitteredPoll(): number {
    return this.options.pollIntervalMs * (0.5 + Math.random());
  }
}
