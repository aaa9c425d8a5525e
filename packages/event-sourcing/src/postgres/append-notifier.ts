import { setTimeout as sleep } from 'node:timers/promises';
import type { SdkLogger } from '../core/logger';
import type { SqlExecutor } from './sql-client';

/**
 * NOTIFY gives its transaction an id and a commit record; that record holds no data worth
 * waiting for a WAL flush, so the statement's own implicit transaction commits asynchronously.
 */
const MAX_UNHEARD = 1_000;

const NOTIFY_STATEMENT = "SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)";

/**
 * Tells other processes, with a NOTIFY of its own after an append committed, how far the log
 * has grown. A `pg_notify` inside the append itself would make PostgreSQL take a database-wide
 * lock at commit and hold it through the WAL flush, so concurrent appends could no longer commit
 * together. Here notifications coalesce instead: one in flight at a time, at most one per
 * `minIntervalMs` under sustained appends, each carrying the highest position announced so far.
 * After a quiet spell the first one goes at once, so occasional appends are heard without delay.
 */
export class AppendNotifier {
  /** Positions notified and not yet heard back; bounded, in case the listening session is down. */
  private readonly unheard = new Set<bigint>();
  private announced = 0n;
  private sent = 0n;
  private sending: Promise<void> | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly channel: string,
    private readonly logger: SdkLogger,
    /** A statement per append would double the server's work for a run of single-event appends. */
    private readonly minIntervalMs = 5,
  ) {}

  announce(globalPosition: bigint): void {
    if (globalPosition > this.announced) this.announced = globalPosition;
    this.sending ??= this.sendPending();
  }

  /**
   * Whether a notification heard on the channel is one this notifier sent: its listeners in this
   * process heard of those appends already, with their event types. Positions are unique, so
   * another process's notification is never mistaken for one.
   */
  isOwnEcho(position: bigint): boolean {
    return this.unheard.delete(position);
  }

  /** Waits for the notifications already announced. */
  async flush(): Promise<void> {
    await this.sending;
  }

  private async sendPending(): Promise<void> {
    // Yield once, so appends finishing together share one notification.
    await Promise.resolve();
    while (this.announced > this.sent) {
      const wait = this.lastSentAt + this.minIntervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      this.lastSentAt = performance.now();
      const position = this.announced;
      // Not retried: a missed notification only delays other processes until their next poll.
      this.sent = position;
      if (this.unheard.size >= MAX_UNHEARD) this.unheard.clear();
      this.unheard.add(position);
      try {
        await this.executor.query(NOTIFY_STATEMENT, [this.channel, position.toString()]);
      } catch (error) {
        this.logger.warn('Could not notify other processes of an append; they will see it on their next poll', {
          error: (error as Error).message,
        });
      }
    }
    // Synchronous with the loop's last check: an announcement can never fall between the two.
    this.sending = null;
  }
}
