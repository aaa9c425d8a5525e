import { ConcurrencyError } from '../core/errors';
import type { EventToAppend } from '../core/events';
import { describeExpectedVersion } from '../core/expected-version';
import type { StreamName } from '../core/stream-name';
import { APPEND_BATCH, type AppendedRow, type BatchAppendedRow } from './event-store-statements';
import { eventsPayload, insertEvents } from './insert-events';
import type { SqlExecutor } from './sql-client';

/** An append at a version number of its stream (0: the stream must not exist yet), already checked for shape. */
export type VersionedAppend = Readonly<{ streamName: StreamName; events: readonly EventToAppend[]; expectedVersion: number }>;

export type AppendBatcherOptions = Readonly<{
  /** Batch statements written at once; appends that arrive while all are busy wait for the next. */
  maxInFlight: number;
  /** Appends in one statement at most, which bounds its size and its transaction's length. */
  maxBatchSize: number;
}>;

/**
 * One batch at a time: what arrives while it commits goes as the next, so the slower the commits,
 * the larger the batches. Two at a time made batches half as large, and H1 slower (62–66% of its
 * ceiling against 67–69%, alternating runs).
 */
export const DEFAULT_APPEND_BATCHING: AppendBatcherOptions = { maxInFlight: 1, maxBatchSize: 100 };

type Waiting = VersionedAppend & {
  name: string;
  resolve: (rows: AppendedRow[]) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit: concurrent appends, each to its own stream, written as one statement, so one
 * transaction, one commit and one WAL flush for all of them. An append that finds a batch slot
 * free goes at once, alone; appends arriving while `maxInFlight` batches are being written wait,
 * and then go together. Under load the batches grow by themselves; idle, nothing waits.
 *
 * Each append keeps the outcome it would have had alone. One whose stream moved past its version
 * inserts nothing and fails by itself (`ConcurrencyError`). Anything that fails the whole
 * statement (a race lost on the unique constraint, a repeated event id, text PostgreSQL refuses)
 * rolls the batch back, and each of its appends is written again alone, for its own outcome.
 */
export class AppendBatcher {
  private waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly options: AppendBatcherOptions = DEFAULT_APPEND_BATCHING,
  ) {}

  /** The stored rows of the append's events, in order, once its batch committed. */
  append(append: VersionedAppend): Promise<AppendedRow[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...append, name: append.streamName.toString(), resolve, reject });
      this.sendWhileSlotsFree();
    });
  }

  private sendWhileSlotsFree(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.sendWhileSlotsFree();
      });
    }
  }

  /**
   * The longest-waiting appends, one per stream: a second append to a stream raced the first for
   * the same version, and in one statement would fail every other append with it. It waits for a
   * later batch, still behind the first.
   */
  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const streams = new Set<string>();
    const left: Waiting[] = [];
    for (const append of this.waiting) {
      if (batch.length < this.options.maxBatchSize && !streams.has(append.name)) {
        batch.push(append);
        streams.add(append.name);
      } else {
        left.push(append);
      }
    }
    this.waiting = left;
    return batch;
  }

  private async write(batch: readonly Waiting[]): Promise<void> {
    // Alone, an append takes ADR 3's statement: for one append, unnesting arrays only costs.
    if (batch.length === 1) return this.writeAlone(batch[0]!);
    let rows: BatchAppendedRow[];
    try {
      ({ rows } = await this.executor.query<BatchAppendedRow>(
        APPEND_BATCH.text,
        [batch.map((append) => append.name), batch.map((append) => append.streamName.category), batch.map((append) => append.expectedVersion), batch.map((append) => eventsPayload(append.events))],
        { preparedAs: APPEND_BATCH.preparedAs },
      ));
    } catch {
      // Rolled back whole: each append is written again alone, for the outcome it would have had alone.
      await Promise.all(batch.map((append) => this.writeAlone(append)));
      return;
    }
    const rowsByStream = new Map<string, AppendedRow[]>();
    for (const row of rows) {
      const stored = rowsByStream.get(row.stream_name);
      if (stored) stored.push(row);
      else rowsByStream.set(row.stream_name, [row]);
    }
    for (const append of batch) {
      const stored = rowsByStream.get(append.name);
      if (stored === undefined) append.reject(new ConcurrencyError(append.name, describeExpectedVersion(append.expectedVersion)));
      else append.resolve(stored);
    }
  }

  private writeAlone(append: Waiting): Promise<void> {
    return insertEvents(this.executor, append.streamName, append.events, append.expectedVersion).then(append.resolve, append.reject);
  }
}
