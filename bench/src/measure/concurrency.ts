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
