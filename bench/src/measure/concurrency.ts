/**
 * Runs `task(0..count-1)` on `concurrency` workers that each take the next index when done. A task
 * that throws is logged in `errors` and the worker goes on, so one failure cannot hide others.
 */
export async function runConcurrently(
  concurrency: number,
  count: number,
  task: (index: number) => Promise<unknown>,
  errors: ErrorLog,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      try {
        await task(next++);
      } catch (error) {
        errors.add(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Errors of one run, kept short: a run with any error is failed, the first few say why. */
export class ErrorLog {
  private readonly messages = new Map<string, number>();
  private total = 0;

  add(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.total += 1;
    this.messages.set(message, (this.messages.get(message) ?? 0) + 1);
  }

  check(condition: boolean, message: string): void {
    if (!condition) this.add(message);
  }

  get count(): number {
    return this.total;
  }

  summary(limit = 5): string[] {
    const lines = [...this.messages].slice(0, limit).map(([message, times]) => (times > 1 ? `${message} (×${times})` : message));
    if (this.messages.size > limit) lines.push(`… and ${this.messages.size - limit} other errors`);
    return lines;
  }
}

/**
 * Closed loop for a duration: `concurrency` workers each start the next task as soon as their
 * last one is done, until `durationMs` has passed; indices go on from `firstIndex`. Resolves
 * with how many tasks ran and how long it took, the last ones included.
 */
export async function runForDuration(
  concurrency: number,
  durationMs: number,
  task: (index: number) => Promise<unknown>,
  errors: ErrorLog,
  firstIndex = 0,
): Promise<{ tasks: number; elapsedMs: number }> {
  const started = performance.now();
  const deadline = started + durationMs;
  let next = firstIndex;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        await task(next++);
      } catch (error) {
        errors.add(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { tasks: next - firstIndex, elapsedMs: performance.now() - started };
}

/**
 * Open loop: starts task `i` at `i / ratePerSecond` seconds, whether or not earlier ones are done
 * (as independent clients would), for `durationMs`; resolves when all have finished. A task's
 * failure is logged in `errors`.
 */
export async function runAtRate(
  ratePerSecond: number,
  durationMs: number,
  task: (index: number) => Promise<unknown>,
  errors: ErrorLog,
): Promise<{ tasks: number; elapsedMs: number }> {
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const wait = started + (index * 1000) / ratePerSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(task(index).then(() => undefined, (error: unknown) => errors.add(error)));
  }
  await Promise.all(running);
  return { tasks: total, elapsedMs: performance.now() - started };
}
