import { describe, expect, it, vi } from 'vitest';
import { pgSqlClient } from '../src/postgres';
import type { TestDatabase } from '../src/testing/postgres/test-database';
import { killed, projectionProcesses } from './support/projection-processes';

type Status = { processName: string; state: string; active: boolean };

describe('subscriptions across processes', () => {
  const projections = projectionProcesses<Status>('counter-projection-process.cjs');
  let database: TestDatabase;

  async function freshDatabase(events: number): Promise<TestDatabase> {
    database = await projections.migratedDatabase();
    await pgSqlClient(database.pool).executeScript(`
      CREATE TABLE counter (n integer NOT NULL); INSERT INTO counter VALUES (0);
      CREATE TABLE handled (event_id uuid NOT NULL, process_name text NOT NULL);`);
    await appendEvents(events);
    return database;
  }

  async function appendEvents(events: number): Promise<void> {
    await database.pool.query(
      `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
       SELECT gen_random_uuid(), 'Counter_' || ((i - 1) / 100), 'Counter',
              coalesce((SELECT max(stream_position) FROM es_events WHERE stream_name = 'Counter_' || ((i - 1) / 100)), 0) + ((i - 1) % 100) + 1,
              'Counted', '{}', '{"correlationId":"c","causationId":"c"}', now()
       FROM generate_series($1::integer, $2::integer) AS i`,
      [1, events],
    );
  }

  async function counts(): Promise<{ n: number; handled: number; distinct: number }> {
    const { rows } = await database.pool.query(
      'SELECT (SELECT n FROM counter) AS n, count(*)::integer AS handled, count(DISTINCT event_id)::integer AS distinct FROM handled',
    );
    return rows[0];
  }

  it('given a process killed with SIGKILL while catching up 50,000 events, when restarted, then the counter equals the number of events exactly', async () => {
    const { url } = await freshDatabase(50_000);
    const first = projections.start(url, 'first');
    await vi.waitFor(async () => expect((await counts()).n).toBeGreaterThan(5_000), { timeout: 30_000, interval: 20 });
    await killed(first.child);
    const atKill = await counts();
    expect(atKill.n).toBeLessThan(50_000);

    const second = projections.start(url, 'second');
    await vi.waitFor(async () => expect((await counts()).n).toBe(50_000), { timeout: 170_000, interval: 100 });
    await vi.waitFor(() => expect(second.latest()?.state).toBe('live'), { timeout: 5_000 });
    expect(await counts()).toEqual({ n: 50_000, handled: 50_000, distinct: 50_000 });
  }, 240_000);

  it('given two processes, then one runs the subscription; when it is killed, the other takes over within seconds, nothing lost or doubled', async () => {
    const { url } = await freshDatabase(0);
    const a = projections.start(url, 'a');
    await vi.waitFor(() => expect(a.latest()?.active).toBe(true), { timeout: 10_000 });
    const b = projections.start(url, 'b');
    await vi.waitFor(() => expect(b.latest()?.state).toBe('standby'), { timeout: 10_000 });

    await appendEvents(1_000);
    await vi.waitFor(async () => expect((await counts()).n).toBe(1_000), { timeout: 10_000 });
    await killed(a.child);
    const killedAt = Date.now();
    await vi.waitFor(() => expect(b.latest()?.active).toBe(true), { timeout: 10_000, interval: 20 });
    expect(Date.now() - killedAt).toBeLessThan(5_000);

    await appendEvents(1_000);
    await vi.waitFor(async () => expect((await counts()).n).toBe(2_000), { timeout: 10_000 });
    const { rows } = await database.pool.query('SELECT process_name, count(*)::integer AS n FROM handled GROUP BY 1 ORDER BY 1');
    expect(rows).toEqual([
      { process_name: 'a', n: 1_000 },
      { process_name: 'b', n: 1_000 },
    ]);
    expect(await counts()).toEqual({ n: 2_000, handled: 2_000, distinct: 2_000 });
  });
});
