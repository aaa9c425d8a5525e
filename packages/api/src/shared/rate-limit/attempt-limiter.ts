/**
 * Counts attempts per key in a sliding window, in this process's memory: behind a load balancer
 * each instance counts for itself, so the effective limit is per instance. Bounded: when more
 * than `maxKeys` keys are tracked the oldest are forgotten, so a flood of keys cannot exhaust memory.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly options: Readonly<{ maxAttempts: number; windowMs: number; maxKeys?: number }>,
    private readonly now: () => number = Date.now,
  ) {}

  /** True once `maxAttempts` attempts were recorded for `key` within the window. */
  exceeded(key: string): boolean {
    return this.recent(key).length >= this.options.maxAttempts;
  }

  record(key: string): void {
    const recent = [...this.recent(key), this.now()];
    this.attempts.delete(key);
    this.attempts.set(key, recent);
    this.forgetOldestBeyond(this.options.maxKeys ?? 10_000);
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    return (this.attempts.get(key) ?? []).filter((at) => at > since);
  }

  // Map iteration follows insertion order and `record` re-inserts, so the first keys are the stalest.
  private forgetOldestBeyond(maxKeys: number): void {
    for (const key of this.attempts.keys()) {
      if (this.attempts.size <= maxKeys) return;
      this.attempts.delete(key);
    }
  }
}
