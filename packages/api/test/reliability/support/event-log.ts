import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { healthObservedAfter } from '../../support/health';

export type StoredEvent = Readonly<{ globalPosition: string; streamName: string; streamPosition: string; type: string; data: Record<string, unknown> }>;

/** Direct, read-only access to a scenario's event store: what the suite checks invariants against. */
export class EventLog {
  readonly pool: Pool;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 3, connectionTimeoutMillis: 5_000 });
    // The database restart scenario breaks idle connections on purpose.
    this.pool.on('error', () => undefined);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT count(*) AS count FROM es_events');
    return Number(rows[0]!.count);
  }

  async ofType(type: string): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<StoredEvent>(
      `SELECT global_position AS "globalPosition", stream_name AS "streamName", stream_position AS "streamPosition", type, data
         FROM es_events WHERE type = $1 ORDER BY global_position`,
      [type],
    );
    return rows;
  }

  /** Streams whose positions are not exactly 1..n: a lost or doubled append. */
  async streamsWithGaps(): Promise<string[]> {
    const { rows } = await this.pool.query<{ stream_name: string }>(
      `SELECT stream_name FROM es_events GROUP BY stream_name
        HAVING count(*) <> max(stream_position) OR count(DISTINCT stream_position) <> count(*) OR min(stream_position) <> 1`,
    );
    return rows.map((row) => row.stream_name);
  }

  async subscriptionIds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ subscription_id: string }>('SELECT subscription_id FROM es_subscriptions ORDER BY 1');
    return rows.map((row) => row.subscription_id);
  }

  async parkedEvents(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT count(*) AS count FROM es_parked_events');
    return Number(rows[0]!.count);
  }

  /** Every read-model table's rows, sorted, as JSON lines: two snapshots compare with toEqual. */
  async readModelSnapshot(): Promise<Record<string, string[]>> {
    const { rows: tables } = await this.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name NOT LIKE 'es\\_%' AND table_name <> 'read_model_migrations' ORDER BY 1`,
    );
    const snapshot: Record<string, string[]> = {};
    for (const { table_name: table } of tables) {
      // Sequence-numbered columns count inserts, not events: a rebuild numbers the same rows anew.
      const { rows: generated } = await this.pool.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')`,
        [table],
      );
      const { rows } = await this.pool.query(`SELECT (to_jsonb(t) - $1::text[])::text AS row FROM "${table}" t`, [generated.map((column) => column.column_name)]);
      snapshot[table] = rows.map((row: { row: string }) => row.row).sort();
    }
    return snapshot;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Subscriptions any of the apps reports as failed (stopped after its handler kept failing). */
export async function failedSubscriptions(appUrls: readonly string[]): Promise<string[]> {
  const since = Date.now();
  const bodies = await Promise.all(appUrls.map((url) => healthObservedAfter(url, since)));
  return bodies.flatMap((body) => body.subscriptions).filter((status) => status.state === 'failed').map((status) => `${status.subscriptionId}: ${status.lastError ?? 'no error recorded'}`);
}

/**
 * Waits until the app has nothing left to do: every subscription live without lag, and the log
 * no longer growing (automations append, which wakes the next one). Returns false on timeout.
 */
export async function waitForQuiescence(appUrls: readonly string[], log: EventLog, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let previousCount = -1;
  let stableRounds = 0;
  while (Date.now() < deadline) {
    const [count, idle] = await Promise.all([log.count().catch(() => -2), subscriptionsIdleness(appUrls)]);
    // A failed subscription stays failed: waiting longer cannot help.
    if (idle === 'failed') return false;
    stableRounds = idle === 'idle' && count === previousCount ? stableRounds + 1 : 0;
    if (stableRounds >= 2) return true;
    previousCount = count;
    await sleep(200);
  }
  return false;
}

async function subscriptionsIdleness(appUrls: readonly string[]): Promise<'idle' | 'busy' | 'failed'> {
  try {
    // Read after the round began, so that a round's idleness is never an older round's.
    const since = Date.now();
    const bodies = await Promise.all(appUrls.map((url) => healthObservedAfter(url, since)));
    const statuses = bodies.flatMap((body) => body.subscriptions);
    if (statuses.some((status) => status.state === 'failed')) return 'failed';
    return statuses.filter((status) => status.active).every((status) => status.lagEvents === 0 && status.state === 'live') ? 'idle' : 'busy';
  } catch {
    return 'busy';
  }
}
