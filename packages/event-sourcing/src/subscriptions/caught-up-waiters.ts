import { compareLogPositions, type LogPosition } from '../core/events';

/** A `caughtUp()` call: satisfied once the handled pages reach `endOfLog`, the log's end at the call. */
type CaughtUpWaiter = Readonly<{ endOfLog: LogPosition; resolve: () => void; reject: (error: Error) => void }>;

/** The `caughtUp()` calls of one subscription still waiting for its pages to reach their end of the log. */
export class CaughtUpWaiters {
  private waiters: CaughtUpWaiter[] = [];

  get pending(): boolean {
    return this.waiters.length > 0;
  }

  /** Resolves once `resolveReaching` is given a position at or past `endOfLog`. */
  waitFor(endOfLog: LogPosition): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ endOfLog, resolve, reject });
    });
  }

  /** Resolves the waiters whose end of the log lies at or behind `scanned`, everything before it handled. */
  resolveReaching(scanned: LogPosition): void {
    const isSatisfied = (waiter: CaughtUpWaiter) => compareLogPositions(scanned, waiter.endOfLog) >= 0;
    const satisfied = this.waiters.filter(isSatisfied);
    this.waiters = this.waiters.filter((waiter) => !isSatisfied(waiter));
    satisfied.forEach((waiter) => waiter.resolve());
  }

  rejectAll(error: Error): void {
    this.waiters.splice(0).forEach((waiter) => waiter.reject(error));
  }
}
