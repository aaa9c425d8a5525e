/** Samples the process's resident set size while work runs; `stop` returns the peak seen. */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  readonly baselineBytes = process.memoryUsage.rss();
  private peak = this.baselineBytes;

  constructor(intervalMs = 20) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): { baselineBytes: number; peakBytes: number } {
    clearInterval(this.timer);
    this.sample();
    return { baselineBytes: this.baselineBytes, peakBytes: this.peak };
  }

  private sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }
}

/** Collects garbage first when node runs with --expose-gc, so one run's garbage does not count against the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
