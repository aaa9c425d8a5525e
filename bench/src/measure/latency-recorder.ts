import { performance } from 'node:perf_hooks';

/** Wall-clock latency of each operation, in milliseconds. */
export class LatencyRecorder {
  private readonly samples: number[] = [];

  async time<T>(operation: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await operation();
    this.samples.push(performance.now() - started);
    return result;
  }

  record(milliseconds: number): void {
    this.samples.push(milliseconds);
  }

  get count(): number {
    return this.samples.length;
  }

  latencies(): readonly number[] {
    return this.samples;
  }
}

/** Records the time between consecutive ticks: for work that is only visible as a stream of completions. */
export class IntervalRecorder {
  private last = performance.now();

  constructor(private readonly recorder: LatencyRecorder) {}

  tick(): void {
    const now = performance.now();
    this.recorder.record(now - this.last);
    this.last = now;
  }
}
