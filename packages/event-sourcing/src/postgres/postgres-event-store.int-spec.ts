import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApplicationService } from '../application/application-service';
import { ConcurrencyError, EventStoreUnavailableError, InvalidAppendError } from '../core/errors';
import { EXACT_BACKLOG_LIMIT } from '../core/event-store';
import { NO_STREAM, ANY } from '../core/expected-version';
import { uuidIdGenerator } from '../core/id-generator';
import { logPositionOf } from '../core/events';
import { StreamName } from '../core/stream-name';
import { systemTimeProvider } from '../core/time-provider';
import { counted, eventStoreContract, type Counted } from '../testing/event-store-contract';
import { settledEndOfLog } from '../testing/settled-log';
import type { TestDatabase } from '../testing/postgres/test-database';
import { postgresTestEventStore, type PostgresTestEventStore } from '../testing/postgres/test-event-store.fixture';
import { BACKLOGS_AFTER } from './event-store-statements';
import { pgSqlClient } from './pg-sql-client';
import { PostgresEventStore } from './postgres-event-store';


eventStoreContract('PostgreSQL', postgresTestEventStore);

describe('PostgreSQL event store under concurrency', () => {
  let postgres: PostgresTestEventStore;
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    postgres = await postgresTestEventStore({ poolSize: 25 });
    ({ database, store } = postgres);
  });
  afterAll(() => postgres.dispose());

  it('given 20 concurrent appends at the same expected version, then exactly one wins and the others get ConcurrencyError', async () => {
    const stream = StreamName.of('Race', randomUUID());
    await store.appendToStream(stream, [counted(0)], { expectedVersion: NO_STREAM });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.appendToStream(stream, [counted(i + 1)], { expectedVersion: 1 })),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const failures = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(failures).toHaveLength(19);
    failures.forEach((failure) => expect(failure.reason).toBeInstanceOf(ConcurrencyError));
    const { events } = await store.readStream(stream);
    expect(events.map((event) => event.streamVersion)).toEqual([1, 2]);
  });

  it('given concurrent "any" appends, then every failure is a ConcurrencyError, never a driver error, and positions have no gaps', async () => {
    const stream = StreamName.of('Race', randomUUID());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.appendToStream(stream, [counted(i)], { expectedVersion: ANY })),
    );
    outcomes
      .filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
      .forEach((failure) => expect(failure.reason).toBeInstanceOf(ConcurrencyError));
    const { events } = await store.readStream(stream);
    const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
    expect(events.map((event) => event.streamVersion)).toEqual(Array.from({ length: succeeded }, (_, i) => i + 1));
  });

  it('given 20 concurrent commands through the application service, then all are applied, at versions 1..20', async () => {
    const service = new ApplicationService(store, systemTimeProvider, uuidIdGenerator);
    const stream = StreamName.of('Counter', randomUUID());

    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        service.execute<Counted>(stream, { correlationId: `c-${i}`, causationId: `cmd-${i}` }, (past) => [
          { type: 'Counted', data: { n: past.length + 1 } },
        ]),
      ),
    );

    const { events } = await store.readStream<Counted>(stream);
    expect(events.map((event) => event.streamVersion)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Each decision saw every earlier event: the count in the data equals the position.
    expect(events.map((event) => event.data.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(events.map((event) => event.metadata.causationId)).size).toBe(20);
  });

  it('given a transaction holding a lower position open, then readAll hides later commits until it commits, then returns both in order, while endOfLog names them at once', async () => {
    const start = await settledEndOfLog(store);
    const slow = await database.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
         VALUES ($1, $2, 'Slow', 1, 'Counted', '{"n":1}', '{"correlationId":"c","causationId":"x"}', now())`,
        [randomUUID(), `Slow_${randomUUID()}`],
      );
      const fast = await store.appendToStream(StreamName.of('Fast', randomUUID()), [counted(2)], { expectedVersion: NO_STREAM });

      const whileOpen = await store.readAll({ after: start, limit: 100 });
      expect(whileOpen.events).toEqual([]);
      expect(await store.endOfLog()).toEqual(logPositionOf(fast.events[0]!));

      await slow.query('COMMIT');
      await settledEndOfLog(store);
      const afterCommit = await store.readAll({ after: start, limit: 100 });
      expect(afterCommit.events.map((event) => event.streamName.split('_')[0])).toEqual(['Slow', 'Fast']);
      expect(afterCommit.events[0]!.globalPosition).toBeLessThan(fast.lastGlobalPosition);
    } finally {
      slow.release();
    }
  });

  it('given another process listening, then it hears of concurrent appends, up to the highest position, after they commit', async () => {
    const otherProcess = new PostgresEventStore(pgSqlClient(database.pool));
    const heard: bigint[] = [];
    otherProcess.onAppended(({ lastGlobalPosition }) => heard.push(lastGlobalPosition));
    // The LISTEN session opens in the background; an append made before it listens is not heard.
    await vi.waitFor(async () => {
      const { rows } = await database.pool.query(
        `SELECT count(*)::integer AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND datname = current_database()`,
      );
      expect(rows[0].n).toBeGreaterThan(0);
    }, { timeout: 10_000 });
    try {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.appendToStream(StreamName.of('Heard', randomUUID()), [counted(i)], { expectedVersion: NO_STREAM }),
        ),
      );
      const highest = results.reduce((max, result) => (result.lastGlobalPosition > max ? result.lastGlobalPosition : max), 0n);
      await vi.waitFor(() => expect(heard).toContain(highest), { timeout: 10_000 });
    } finally {
      await otherProcess.close();
    }
  });

  it('given a backlog over EXACT_BACKLOG_LIMIT, then it is estimated from positions at a bounded cost, and counted exactly at or under the limit', async () => {
    const before = await settledEndOfLog(store);
    const appended = Array.from({ length: EXACT_BACKLOG_LIMIT + 500 }, (_, index) => counted(index + 1));
    const { events } = await store.appendToStream(StreamName.of('Backlog', randomUUID()), appended, { expectedVersion: NO_STREAM });

    const far = await store.backlogAfter(before);
    const atLimit = await store.backlogAfter(logPositionOf(events[499]!));

    // One append took consecutive positions, so the estimate is exact here too; only `exact` tells them apart.
    expect(far).toEqual({ events: EXACT_BACKLOG_LIMIT + 500, exact: false, oldestOccurredAt: appended[0]!.occurredAt });
    expect(atLimit).toEqual({ events: EXACT_BACKLOG_LIMIT, exact: true, oldestOccurredAt: appended[500]!.occurredAt });
  });

  it('given event data holding the NUL character, which jsonb cannot store, then the append is refused with InvalidAppendError', async () => {
    const stream = StreamName.of('Nul', randomUUID());
    await expect(
      store.appendToStream(stream, [{ ...counted(1), data: { text: 'a\u0000b' } } as never], { expectedVersion: NO_STREAM }),
    ).rejects.toBeInstanceOf(InvalidAppendError);
    expect((await store.readStream(stream)).currentVersion).toBe(0);
  });

  it('given the database cannot be reached, then operations fail with EventStoreUnavailableError', async () => {
    const unreachable = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
    const offline = new PostgresEventStore(pgSqlClient(unreachable));
    await expect(offline.readStream(StreamName.of('Any', '1'))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(offline.appendToStream(StreamName.of('Any', '1'), [counted(1)], { expectedVersion: NO_STREAM })).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    await unreachable.end();
  });
});

/**
 * What `/api/health` and the metrics pay per subscription: the rows the backlog statement reads, as
 * PostgreSQL's own plan counts them, must not grow with the log. Rows, unlike time, do not depend on
 * the machine's load.
 */
describe('PostgreSQL event store: the cost of a backlog with a large log', () => {
  let postgres: PostgresTestEventStore;
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    postgres = await postgresTestEventStore();
    ({ database, store } = postgres);
  });
  afterAll(() => postgres.dispose());

  /** Appends `count` events in one server-side statement, ten per stream. */
  async function seed(count: number): Promise<void> {
    await database.pool.query(
      `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
       SELECT gen_random_uuid(), 'Seeded_' || (n / 10), 'Seeded', n % 10 + 1, 'Counted', jsonb_build_object('n', n),
              jsonb_build_object('correlationId', 'c', 'causationId', 'c'), now()
       FROM generate_series($1::bigint, $1::bigint + $2 - 1) AS n ORDER BY n`,
      [await database.pool.query('SELECT count(*) AS n FROM es_events').then(({ rows }) => Number(rows[0].n)), count],
    );
    await database.pool.query('VACUUM (ANALYZE) es_events');
  }

  /** Rows read from es_events by the backlog statement for a reader at the log's start, over every plan node. */
  async function rowsReadForBacklogFromStart(): Promise<number> {
    const { rows } = await database.pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${BACKLOGS_AFTER}`, [['0'], ['0'], EXACT_BACKLOG_LIMIT + 1]);
    type PlanNode = { 'Relation Name'?: string; 'Actual Rows': number; 'Actual Loops': number; Plans?: PlanNode[] };
    const rowsFrom = (node: PlanNode): number =>
      (node['Relation Name'] === 'es_events' ? node['Actual Rows'] * node['Actual Loops'] : 0) + (node.Plans ?? []).reduce((sum, child) => sum + rowsFrom(child), 0);
    return rowsFrom((rows[0]['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan);
  }

  it('given 10,000 and then 100,000 events behind a reader, then the backlog reads the same bounded number of rows, and still reports the whole backlog', async () => {
    await seed(10_000);
    const readAtTenThousand = await rowsReadForBacklogFromStart();
    await seed(90_000);
    const readAtHundredThousand = await rowsReadForBacklogFromStart();

    // The limit's rows plus the one that tells the log goes on, and the last position's look-up.
    expect(readAtTenThousand).toBeLessThanOrEqual(EXACT_BACKLOG_LIMIT + 2);
    expect(readAtHundredThousand).toBe(readAtTenThousand);
    const [backlog] = await store.backlogsAfter([{ transactionId: 0n, globalPosition: 0n }]);
    expect(backlog).toMatchObject({ events: 100_000, exact: false });
  });
});
