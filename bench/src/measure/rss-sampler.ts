import { readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;

/** Samples a resident set size while work runs; `stop` returns the peak seen. */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  readonly baselineBytes: number;
  private peak: number;

  constructor(
    private readonly read: () => number = () => process.memoryUsage.rss(),
    intervalMs = 20,
  ) {
    this.baselineBytes = read();
    this.peak = this.baselineBytes;
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): { baselineBytes: number; peakBytes: number } {
    clearInterval(this.timer);
    this.sample();
    return { baselineBytes: this.baselineBytes, peakBytes: this.peak };
  }

  private sample(): void {
    const rss = this.read();
    if (rss > this.peak) this.peak = rss;
  }
}

/**
 * RSS of another process (Linux: /proc/<pid>/statm counts pages). One not started yet or already
 * gone reads as 0, which never raises the peak.
 */
export function rssOfProcess(processId: number | undefined): number {
  if (processId === undefined) return 0;
  try {
    const residentPages = Number(readFileSync(`/proc/${processId}/statm`, 'utf8').split(' ')[1]);
    return residentPages * PAGE_BYTES;
  } catch {
    return 0;
  }
}

/** Collects garbage first when node runs with --expose-gc, so one run's garbage does not count against the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
