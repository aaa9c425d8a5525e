import { migrateEventStore, pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import { runConcurrently } from '../measure/concurrency';
import { CONTENDERS, type Contender, type PreparedRun, type Workload } from './workload';

const CONCURRENCY = 4;
/** Events one request set in motion: about what a registration and its automations append. */
const EVENTS_PER_CORRELATION = 10;

/**
 * C1: the causation explorer's look-up, every event of one correlation id, in a log of 1,000,000
 * events. Each correlation's events are spread over the whole log (the ones of request k sit at
 * k, k + groups, k + 2 × groups…), so no look-up finds its rows on one page. The ceiling fetches
 * the same rows by primary key, positions known in advance: what an index lookup costs at best.
 */
export const causationLookup: Workload = {
  id: 'C1',
  title: `events of one correlation id (${EVENTS_PER_CORRELATION} spread over the log) in a log of 1,000,000 events (quick: 20,000), concurrency ${CONCURRENCY}`,
  unit: 'ops/s',
  latencyOf: 'one correlation look-up',
  target: { kind: 'latencyBelow', percentile: 99, ms: 50 },
  contenders: CONTENDERS,
  prepare: async (contender, { pool }, sizes) => prepare(contender, pool, sizes.causationLogEvents, sizes.causationLookups),
};

async function prepare(contender: Contender, pool: Pool, logEvents: number, lookups: number): Promise<PreparedRun> {
  const client = pgSqlClient(pool);
  await migrateEventStore(client);
  const groups = logEvents / EVENTS_PER_CORRELATION;
  await seedLog(pool, logEvents, groups);
  const eventStore = new PostgresEventStore(client);
  // Look-ups spread over the whole log, the same sequence for both contenders.
  const groupOf = (index: number) => (index * 7_919) % groups;
  const lookUp: (group: number) => Promise<readonly string[]> =
    contender === 'ours'
      ? async (group) => (await eventStore.readByCorrelationId(correlationIdOf(group))).map((event) => event.metadata.correlationId)
      : async (group) => (await pool.query<{ correlation_id: string }>(BY_PRIMARY_KEY, [positionsOf(group, groups)])).rows.map((row) => row.correlation_id);
  return {
    execute: async (latencies, errors) => {
      const started = performance.now();
      await runConcurrently(
        CONCURRENCY,
        lookups,
        async (index) => {
          const group = groupOf(index);
          const found = await latencies.time(() => lookUp(group));
          const expected = correlationIdOf(group);
          if (found.length !== EVENTS_PER_CORRELATION || found.some((id) => id !== expected)) {
            throw new Error(`the look-up of ${expected} returned [${found.join(',')}]`);
          }
        },
        errors,
      );
      return { units: latencies.count, elapsedMs: performance.now() - started };
    },
    // Each look-up was checked as it came back.
    verify: async () => undefined,
    close: () => eventStore.close(),
  };
}

/** The same columns as the SDK's read, so both contenders fetch the same bytes. */
const BY_PRIMARY_KEY = `SELECT global_position::text AS global_position, transaction_id::text AS transaction_id, event_id, stream_name,
  stream_position, type, data, metadata, occurred_at, schema_version, metadata->>'correlationId' AS correlation_id
  FROM es_events WHERE global_position = ANY($1::bigint[]) ORDER BY global_position`;

const correlationIdOf = (group: number) => `request-${group}`;

/** Row n (from 0) gets global position n + 1 in a fresh table, and belongs to request n mod groups. */
function positionsOf(group: number, groups: number): string[] {
  return Array.from({ length: EVENTS_PER_CORRELATION }, (_, index) => String(group + index * groups + 1));
}

/**
 * The log, written by the server itself: appending a million events through the store would take
 * minutes and is measured elsewhere (W1). Streams of ten, as the look-ups' events, but each request's
 * ten in ten different streams.
 */
async function seedLog(pool: Pool, logEvents: number, groups: number): Promise<void> {
  await pool.query(
    `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
     SELECT gen_random_uuid(), 'Task_' || (n / 10), 'Task', n % 10 + 1, 'TaskCompleted', jsonb_build_object('n', n),
            jsonb_build_object('correlationId', 'request-' || (n % $2), 'causationId', 'command-' || (n / 10)), now()
     FROM generate_series(0, $1 - 1) AS n ORDER BY n`,
    [logEvents, groups],
  );
}
