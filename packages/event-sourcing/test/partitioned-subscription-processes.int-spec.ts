import { describe, expect, it, vi } from 'vitest';
import type { TestDatabase } from '../src/testing/postgres/test-database';
import { killed, projectionProcesses } from './support/projection-processes';

const PARTITIONS = 4;
const STREAMS = 80;
/** Per event, so catching up takes seconds: long enough to kill a process and add one meanwhile. */
const HANDLER_DELAY_MS = 3;
/** The namespace of the subscription leases' advisory locks (`PostgresSubscriptionStore`). */
const LEASE_LOCK_NAMESPACE = 7_310_002;

type Status = { processName: string; state: string; held: number[] };

describe('a partitioned subscription across processes', () => {
  const projections = projectionProcesses<Status>('partitioned-projection-process.cjs');
  let database: TestDatabase;

  const startProjectionProcess = (databaseUrl: string, name: string) => projections.start(databaseUrl, name, [String(PARTITIONS), String(HANDLER_DELAY_MS)]);

  /** Appends `perStream` events to each stream, interleaved across streams, after the `already` each has. */
  async function appendEvents(perStream: number, already: number): Promise<void> {
    await database.pool.query(
      `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
       SELECT gen_random_uuid(), 'Item_' || (i % $1::integer), 'Item', $3::integer + i / $1::integer + 1, 'Counted', '{}', '{"correlationId":"c","causationId":"c"}', now()
       FROM generate_series(0, $1::integer * $2::integer - 1) AS i`,
      [STREAMS, perStream, already],
    );
  }

  async function handledCount(): Promise<number> {
    const { rows } = await database.pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM handled');
    return rows[0]!.n;
  }

  /** The partitions' leases held right now, by any process. */
  async function heldLeases(): Promise<number> {
    const { rows } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
       WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.granted AND d.datname = current_database()`,
      [LEASE_LOCK_NAMESPACE],
    );
    return rows[0]!.n;
  }

  it('given three processes catching up on four partitions, when one is killed and another joins, then the dead one’s partitions are taken over within seconds, the newcomer gets a share, and every event is handled once in stream order', async () => {
    database = await projections.migratedDatabase();
    await database.pool.query(`CREATE TABLE handled (
      event_id uuid PRIMARY KEY, stream_name text NOT NULL, stream_position bigint NOT NULL, process_name text NOT NULL,
      handled_order bigserial NOT NULL)`);
    await appendEvents(200, 0);
    const total = STREAMS * 200;

    const processes = ['a', 'b', 'c'].map((name) => startProjectionProcess(database.url, name));
    // Shared out: each holds at least one partition, while the catch-up is still going.
    await vi.waitFor(() => processes.forEach((each) => expect(each.latest()?.held.length).toBeGreaterThan(0)), { timeout: 15_000, interval: 20 });
    await vi.waitFor(async () => expect(await handledCount()).toBeGreaterThan(total / 20), { timeout: 15_000, interval: 20 });
    expect(await handledCount()).toBeLessThan(total / 2);

    // The one holding the most partitions dies mid-catch-up, without a chance to release anything.
    const victim = processes.reduce((most, each) => (each.latest()!.held.length > most.latest()!.held.length ? each : most));
    const survivors = processes.filter((each) => each !== victim);
    const victimHeld = victim.latest()!.held;
    await killed(victim.child);
    const killedAt = Date.now();
    expect(await handledCount()).toBeLessThan(total);
    await vi.waitFor(
      () => expect(new Set(survivors.flatMap((each) => each.latest()!.held))).toEqual(new Set([0, 1, 2, 3])),
      { timeout: 10_000, interval: 20 },
    );
    const takeOverMs = Date.now() - killedAt;
    expect(takeOverMs).toBeLessThan(3_000);
    expect(await heldLeases()).toBe(PARTITIONS);

    const joiner = startProjectionProcess(database.url, 'd');
    const joinedAt = Date.now();
    await vi.waitFor(() => expect(joiner.latest()?.held.length).toBeGreaterThan(0), { timeout: 15_000, interval: 20 });
    expect(Date.now() - joinedAt).toBeLessThan(8_000);

    await appendEvents(10, 200);
    await vi.waitFor(async () => expect(await handledCount()).toBe(total + STREAMS * 10), { timeout: 60_000, interval: 100 });
    await vi.waitFor(() => [...survivors, joiner].forEach((each) => expect(each.latest()?.state).toBe('live')), { timeout: 10_000 });

    // Every event once (the primary key refuses a second), and each stream's events in their order, without gaps.
    const { rows } = await database.pool.query<{ events: number; handled: number; out_of_order: number }>(
      `SELECT (SELECT count(*)::integer FROM es_events) AS events,
              (SELECT count(*)::integer FROM handled h JOIN es_events e USING (event_id)) AS handled,
              (SELECT count(*)::integer FROM (
                 SELECT stream_position - lag(stream_position) OVER (PARTITION BY stream_name ORDER BY handled_order) AS step FROM handled) steps
               WHERE step <> 1) AS out_of_order`,
    );
    expect(rows[0]).toEqual({ events: total + STREAMS * 10, handled: total + STREAMS * 10, out_of_order: 0 });
    const firsts = await database.pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM handled WHERE stream_position = 1');
    expect(firsts.rows[0]!.n).toBe(STREAMS);
    // The victim's partitions went on elsewhere: the others handled events of its streams (the hash as SQL computes it).
    const { rows: takenOver } = await database.pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM handled
       WHERE process_name <> $1 AND ('x' || substr(md5(stream_name), 1, 8))::bit(32)::bigint % $2 = ANY($3::integer[])`,
      [victim.name, PARTITIONS, victimHeld],
    );
    expect(takenOver[0]!.n).toBeGreaterThan(0);
    await Promise.all([...survivors, joiner].map((each) => killed(each.child, 'SIGTERM')));
  }, 120_000);
});
