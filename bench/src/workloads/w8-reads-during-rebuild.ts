import { setTimeout as sleep } from 'node:timers/promises';
import { EventsSubscriptionsFactory, NO_STREAM, StreamName, type EventsSubscription } from '@coderscamp/event-sourcing';
import { migrateEventStore, pgSqlClient, PostgresEventStore, PostgresSubscriptionStore, type SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import type { ErrorLog } from '../measure/concurrency';
import type { LatencyRecorder } from '../measure/latency-recorder';
import { CATEGORY, taskCompleted, type TaskCompleted } from './fixtures';
import { CONTENDERS, type Contender, type PreparedRun, type Workload } from './workload';

const READERS = 2;
/**
 * Each reader pauses this long between reads, so both contenders serve about the same reads per
 * second: closed-loop readers ran three times faster against ours (a full table answers sooner
 * than an empty one is locked and refilled) and took the CPU its rebuild needed on 2 cores.
 */
const READ_PAUSE_MS = 2;
const EVENTS_PER_STREAM = 100;
const PAGE_SIZE = 1_000;
const TABLE = 'w8_tasks';

/** A read model of one row per stream, counting its completions; numbered by a serial column like the user event feed. */
const READ_MODEL_TABLE = `CREATE TABLE ${TABLE} (position bigserial PRIMARY KEY, stream_name text NOT NULL UNIQUE, completed integer NOT NULL)`;
const PROJECT_EVENT = `INSERT INTO ${TABLE} (stream_name, completed) VALUES ($1, 1)
  ON CONFLICT (stream_name) DO UPDATE SET completed = ${TABLE}.completed + 1`;
/** What readers ask: how many streams the model knows, and one stream's row, which must exist. */
const COUNT_ROWS = `SELECT count(*)::integer AS rows FROM ${TABLE}`;
const FIND_ROW = `SELECT completed FROM ${TABLE} WHERE stream_name = $1`;

/**
 * W8: readers query a read model without pause while it is rebuilt from the whole log. Ours builds
 * the new one beside the serving one and switches it in (blue/green); the ceiling is the plain
 * rebuild, which resets the checkpoint, clears the table and replays. Throughput is the rebuild's
 * (events replayed per second); a failed read (an error, a row not found, an empty table) or a
 * count lower than the one before is an error of ours, and only counted for the ceiling.
 */
export const readsDuringRebuild: Workload = {
  id: 'W8',
  title: `${READERS} readers of a read model during its rebuild: blue/green (ours) vs reset and replay (ceiling)`,
  unit: 'events/s',
  latencyOf: 'one read during the rebuild',
  target: { kind: 'percentOfCeiling', percent: 50 },
  contenders: CONTENDERS,
  prepare: async (contender, { pool }, sizes) => prepare(contender, pool, sizes.rebuildEvents),
};

async function prepare(contender: Contender, pool: Pool, events: number): Promise<PreparedRun> {
  const client = pgSqlClient(pool);
  await migrateEventStore(client);
  await pool.query(READ_MODEL_TABLE);
  const eventStore = new PostgresEventStore(client);
  const streams = Math.ceil(events / EVENTS_PER_STREAM);
  for (let stream = 0; stream < streams; stream++) {
    const batch = Array.from({ length: Math.min(EVENTS_PER_STREAM, events - stream * EVENTS_PER_STREAM) }, (_, offset) => taskCompleted(offset));
    await eventStore.appendToStream(streamName(stream), batch, { expectedVersion: NO_STREAM });
  }
  const subscriptionStore = new PostgresSubscriptionStore(client);
  const builder = new EventsSubscriptionsFactory(eventStore, subscriptionStore, { batchSize: PAGE_SIZE }).subscription('W8ReadModel_v1');
  const subscription: EventsSubscription<SqlExecutor> = (contender === 'ours' ? builder.ownsTables(TABLE) : builder)
    .onInitialPosition(async (tx) => {
      await tx.query(`DELETE FROM ${TABLE}`);
    })
    .onEvent<TaskCompleted>('TaskCompleted', async (event, tx) => {
      await tx.query(PROJECT_EVENT, [event.streamName]);
    })
    .build();
  await subscription.start();
  await subscription.caughtUp();
  const reads = { made: 0, failed: 0, regressed: 0 };
  let rebuildMs = 0;

  return {
    execute: async (latencies, errors) => {
      let rebuilding = true;
      const readers = Array.from({ length: READERS }, (_, reader) => readWhile(pool, () => rebuilding, streams, reader, latencies, reads));
      const started = performance.now();
      try {
        await subscription.rebuild();
        await subscription.rebuilt();
        await subscription.caughtUp();
      } catch (error) {
        errors.add(error);
      } finally {
        rebuilding = false;
      }
      rebuildMs = performance.now() - started;
      await Promise.all(readers);
      return { units: events, elapsedMs: rebuildMs };
    },
    verify: async (errors) => {
      process.stderr.write(`  W8 ${contender}: rebuilt from ${events} events in ${(rebuildMs / 1000).toFixed(1)} s; ${reads.made} reads meanwhile, ${reads.failed} failed (error, not found or empty), ${reads.regressed} counted fewer rows than the one before\n`);
      if (contender === 'ours') {
        errors.check(reads.failed === 0, `${reads.failed} reads failed during the rebuild`);
        errors.check(reads.regressed === 0, `${reads.regressed} reads counted fewer rows than the one before`);
      }
      await checkReadModel(pool, streams, events, errors);
    },
    close: async () => {
      await subscription.stop();
      await eventStore.close();
      await subscriptionStore.close();
    },
  };
}

function streamName(stream: number): StreamName {
  return StreamName.of(CATEGORY, `w8-${stream}`);
}

/** One reader: alternately counts the rows and looks one up, paced, until the rebuild is over. */
async function readWhile(
  pool: Pool,
  rebuilding: () => boolean,
  streams: number,
  reader: number,
  latencies: LatencyRecorder,
  reads: { made: number; failed: number; regressed: number },
): Promise<void> {
  let lastCount = 0;
  for (let index = reader; rebuilding(); index++) {
    reads.made += 1;
    try {
      if (index % 2 === 0) {
        const { rows } = await latencies.time(() => pool.query<{ rows: number }>(COUNT_ROWS));
        const count = rows[0]!.rows;
        if (count === 0) reads.failed += 1;
        if (count < lastCount) reads.regressed += 1;
        lastCount = count;
      } else {
        const { rows } = await latencies.time(() => pool.query<{ completed: number }>(FIND_ROW, [streamName(index % streams).toString()]));
        if (rows.length === 0) reads.failed += 1;
      }
    } catch {
      reads.failed += 1;
    }
    await sleep(READ_PAUSE_MS);
  }
}

/** After the rebuild: one row per stream, every event counted once. */
async function checkReadModel(pool: Pool, streams: number, events: number, errors: ErrorLog): Promise<void> {
  const { rows } = await pool.query<{ rows: number; completed: number }>(`SELECT count(*)::integer AS rows, sum(completed)::integer AS completed FROM ${TABLE}`);
  errors.check(rows[0]!.rows === streams, `read model holds ${rows[0]!.rows} rows, expected ${streams}`);
  errors.check(rows[0]!.completed === events, `read model counted ${rows[0]!.completed} events, expected ${events}`);
}
