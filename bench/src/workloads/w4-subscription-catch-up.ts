import { EventsSubscriptionsFactory, NO_STREAM, StreamName, type EventsSubscription } from '@coderscamp/event-sourcing';
import {
  migrateEventStore,
  pgSqlClient,
  PostgresEventStore,
  PostgresSubscriptionStore,
  type SqlClient,
  type SqlExecutor,
} from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import { ErrorLog, runConcurrently } from '../measure/concurrency';
import { IntervalRecorder, type LatencyRecorder } from '../measure/latency-recorder';
import { CATEGORY, taskCompleted, type TaskCompleted } from './fixtures';
import { CONTENDERS, type Contender, type PreparedRun, type Workload } from './workload';

const WRITERS = 4;
const EVENTS_PER_APPEND = 10;
/** Entries per page, for the subscription and the ceiling alike. */
export const PAGE_SIZE = 1_000;

const PROJECTION_TABLE = 'CREATE TABLE w4_projection (event_id uuid PRIMARY KEY, stream_name text NOT NULL, n integer NOT NULL)';
/** The projection's one statement per event; the primary key turns a double delivery into an error. */
const PROJECT_EVENT = 'INSERT INTO w4_projection (event_id, stream_name, n) VALUES ($1, $2, $3)';
/** The projection's one statement per page: the same rows, passed as one array per column. */
const PROJECT_EVENTS = 'INSERT INTO w4_projection (event_id, stream_name, n) SELECT * FROM unnest($1::uuid[], $2::text[], $3::integer[])';

/** What the projection writes: a statement per event (`onEvent`), or one per page (`onEvents`, a batch handler). */
export type ProjectionStatements = 'per-event' | 'per-page';

type ProjectedColumns = Readonly<{ eventIds: string[]; streamNames: string[]; ns: number[] }>;

const VARIANTS: Record<ProjectionStatements, Readonly<{ id: string; title: string; targetPercent: number }>> = {
  'per-event': { id: 'W4', title: `durable subscription catches up a log written by ${WRITERS} writers, 1 statement per event`, targetPercent: 60 },
  'per-page': { id: 'W4b', title: `durable subscription catches up a log written by ${WRITERS} writers, batch handler: 1 statement per page`, targetPercent: 70 },
};

/**
 * W4: a durable subscription catches up a log written by concurrent writers into a projection,
 * committing its checkpoint with each page. The ceiling pages through the same log with the same
 * gap-safe keyset query, the same projection statements and a checkpoint row, by hand. W4b does the
 * same with a batch handler, one statement per page, which leaves the subscription's own cost per
 * page (read, transaction, checkpoint) most exposed.
 */
export function subscriptionCatchUp(statements: ProjectionStatements): Workload {
  const { id, title, targetPercent } = VARIANTS[statements];
  return {
    id,
    title,
    unit: 'events/s',
    latencyOf: `one page of ${PAGE_SIZE} events`,
    target: { kind: 'percentOfCeiling', percent: targetPercent },
    contenders: CONTENDERS,
    prepare: async (contender, { pool }, sizes) => prepare(contender, pool, sizes.catchUpEvents, statements),
  };
}

async function prepare(contender: Contender, pool: Pool, events: number, statements: ProjectionStatements): Promise<PreparedRun> {
  const client = pgSqlClient(pool);
  await writeLog(client, events);
  await pool.query(PROJECTION_TABLE);
  const catchUp = contender === 'ours' ? await subscriptionCatchingUp(client, statements) : await ceilingCatchingUp(pool, statements);
  return {
    execute: async (latencies, errors) => {
      const started = performance.now();
      await catchUp.run(latencies, errors);
      return { units: events, elapsedMs: performance.now() - started };
    },
    verify: async (errors) => {
      await catchUp.verify(errors);
      await checkProjection(pool, events, errors);
    },
    close: catchUp.close,
  };
}

type CatchUp = Readonly<{
  run(latencies: LatencyRecorder, errors: ErrorLog): Promise<void>;
  verify(errors: ErrorLog): Promise<void>;
  close(): Promise<void>;
}>;

/** The log, written through our event store by concurrent writers, so commit order and positions interleave. */
async function writeLog(client: SqlClient, events: number): Promise<void> {
  await migrateEventStore(client);
  const eventStore = new PostgresEventStore(client);
  const errors = new ErrorLog();
  await runConcurrently(
    WRITERS,
    Math.ceil(events / EVENTS_PER_APPEND),
    async (index) => {
      const count = Math.min(EVENTS_PER_APPEND, events - index * EVENTS_PER_APPEND);
      const batch = Array.from({ length: count }, (_, offset) => taskCompleted(index * EVENTS_PER_APPEND + offset));
      await eventStore.appendToStream(StreamName.of(CATEGORY, `w4-${index}`), batch, { expectedVersion: NO_STREAM });
    },
    errors,
  );
  if (errors.count > 0) throw new Error(`Writing the log failed: ${errors.summary().join('; ')}`);
}

/** Our subscription; a page's duration is the time between two checkpoint commits. */
async function subscriptionCatchingUp(client: SqlClient, statements: ProjectionStatements): Promise<CatchUp> {
  const eventStore = new PostgresEventStore(client);
  let onCommit: () => void = () => undefined;
  const committing: SqlClient = {
    ...client,
    transaction: async (work) => {
      const result = await client.transaction(work);
      onCommit();
      return result;
    },
  };
  const subscriptionStore = new PostgresSubscriptionStore(committing);
  const builder = new EventsSubscriptionsFactory(eventStore, subscriptionStore, { batchSize: PAGE_SIZE }).subscription('BenchProjection');
  const subscription: EventsSubscription<SqlExecutor> = (
    statements === 'per-event'
      ? builder.onEvent<TaskCompleted>('TaskCompleted', async (event, tx) => {
          await tx.query(PROJECT_EVENT, [event.id, event.streamName, event.data.n]);
        })
      : builder.onEvents<TaskCompleted>(['TaskCompleted'], async (events, tx) => {
          const { eventIds, streamNames, ns } = projectedColumns(events.map((event) => ({ eventId: event.id, streamName: event.streamName, n: event.data.n })));
          await tx.query(PROJECT_EVENTS, [eventIds, streamNames, ns]);
        })
  ).build();
  return {
    run: async (latencies) => {
      const pages = new IntervalRecorder(latencies);
      onCommit = () => pages.tick();
      await subscription.start();
      await subscription.caughtUp();
    },
    verify: async (errors) => {
      const status = await subscription.status();
      errors.check(status.handlerFailures === 0, `${status.handlerFailures} handler failures`);
      errors.check(status.lagEvents === 0, `subscription still ${status.lagEvents} events behind`);
    },
    close: async () => {
      await subscription.stop();
      await eventStore.close();
      await subscriptionStore.close();
    },
  };
}

type LogRow = { global_position: string; transaction_id: string; event_id: string; stream_name: string; data: { n: number } };

async function ceilingCatchingUp(pool: Pool, statements: ProjectionStatements): Promise<CatchUp> {
  await pool.query(`CREATE TABLE ceiling_checkpoint (id integer PRIMARY KEY, transaction_id xid8 NOT NULL, global_position bigint NOT NULL);
                    INSERT INTO ceiling_checkpoint VALUES (1, '0', 0)`);
  let checkpoint = { transactionId: '0', globalPosition: '0' };
  return {
    run: async (latencies) => {
      const pages = new IntervalRecorder(latencies);
      for (let endOfLog = false; !endOfLog; pages.tick()) {
        const connection = await pool.connect();
        try {
          await connection.query('BEGIN');
          const { rows } = await connection.query<LogRow>(
            // Qualified: an unqualified ORDER BY would sort by the text output column of the same name.
            `SELECT e.global_position, e.transaction_id::text AS transaction_id, e.event_id, e.stream_name, e.stream_position, e.type,
                    e.data, e.metadata, e.occurred_at
             FROM es_events e
             WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint) AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY e.transaction_id, e.global_position LIMIT $3`,
            [checkpoint.transactionId, checkpoint.globalPosition, PAGE_SIZE],
          );
          if (statements === 'per-event') {
            for (const row of rows) await connection.query(PROJECT_EVENT, [row.event_id, row.stream_name, row.data.n]);
          } else if (rows.length > 0) {
            const { eventIds, streamNames, ns } = projectedColumns(rows.map((row) => ({ eventId: row.event_id, streamName: row.stream_name, n: row.data.n })));
            await connection.query(PROJECT_EVENTS, [eventIds, streamNames, ns]);
          }
          const last = rows[rows.length - 1];
          if (last) {
            const next = { transactionId: last.transaction_id, globalPosition: last.global_position };
            const moved = await connection.query(
              `UPDATE ceiling_checkpoint SET transaction_id = $1, global_position = $2
               WHERE id = 1 AND transaction_id = $3 AND global_position = $4`,
              [next.transactionId, next.globalPosition, checkpoint.transactionId, checkpoint.globalPosition],
            );
            if (moved.rowCount !== 1) throw new Error('ceiling checkpoint moved under it');
            checkpoint = next;
          }
          await connection.query('COMMIT');
          endOfLog = rows.length < PAGE_SIZE;
        } catch (error) {
          await connection.query('ROLLBACK');
          throw error;
        } finally {
          connection.release();
        }
      }
    },
    verify: async () => undefined,
    close: async () => undefined,
  };
}

/** A page's projection rows as one array per column, the parameters of `PROJECT_EVENTS`; the same code for both contenders. */
function projectedColumns(rows: readonly Readonly<{ eventId: string; streamName: string; n: number }>[]): ProjectedColumns {
  return { eventIds: rows.map((row) => row.eventId), streamNames: rows.map((row) => row.streamName), ns: rows.map((row) => row.n) };
}

/** Exactly one projection row per event in the log: none missed, none handled twice. */
async function checkProjection(pool: Pool, events: number, errors: ErrorLog): Promise<void> {
  const { rows } = await pool.query<{ projected: number; logged: number; unmatched: number }>(
    `SELECT (SELECT count(*)::integer FROM w4_projection) AS projected, (SELECT count(*)::integer FROM es_events) AS logged,
            (SELECT count(*)::integer FROM es_events e WHERE NOT EXISTS (SELECT 1 FROM w4_projection p WHERE p.event_id = e.event_id)) AS unmatched`,
  );
  const { projected, logged, unmatched } = rows[0]!;
  errors.check(logged === events, `log holds ${logged} events, expected ${events}`);
  errors.check(projected === events, `projection counted ${projected} events, expected exactly ${events}`);
  errors.check(unmatched === 0, `${unmatched} events missing from the projection`);
}
