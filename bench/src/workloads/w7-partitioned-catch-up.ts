import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { migrateEventStore, pgSqlClient } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import type { ErrorLog } from '../measure/concurrency';
import type { PreparedRun, RunDatabase, Workload } from './workload';

const PARTITIONS = 4;
const STREAMS = 1_000;
const PAGE_SIZE = 1_000;
const PROCESSES = { ours: 2, ceiling: 1 } as const;
const POLL_MS = 10;
const GIVE_UP_AFTER_MS = 300_000;
const WORKER = path.join(__dirname, 'w7-partition-process.js');
export const SUBSCRIPTION_ID = 'BenchPartitionedProjection';

/**
 * W7: a subscription of four partitions catches up a backlog spread over a thousand streams into a
 * projection (one insert per event, in the checkpoint's transaction), run by two processes, against
 * the same subscription run by one process as the ceiling column: ours / ceiling is the speed-up a
 * second process brings. The processes start on an empty log and share the partitions out first
 * (seconds, at start-up, not what is measured); then the whole backlog commits at once, and the
 * clock runs from that commit until the projection holds every event.
 */
export const partitionedCatchUp: Workload = {
  id: 'W7',
  title: `subscription of ${PARTITIONS} partitions catches up on ${PROCESSES.ours} processes (ceiling column: the same on ${PROCESSES.ceiling})`,
  unit: 'events/s',
  latencyOf: 'the whole catch-up',
  // No slow-down rather than a set speed-up: where the database server is the bottleneck, as on a 2-core machine it shares, a second process adds little (ADR 0026).
  target: { kind: 'percentOfCeiling', percent: 90 },
  contenders: ['ours', 'ceiling'],
  prepare: async (contender, database, sizes) => prepare(PROCESSES[contender], database, sizes.partitionedCatchUpEvents),
};

async function prepare(processes: number, { pool, databaseUrl }: RunDatabase, events: number): Promise<PreparedRun> {
  await migrateEventStore(pgSqlClient(pool));
  await pool.query(
    'CREATE TABLE w7_projection (event_id uuid PRIMARY KEY, stream_name text NOT NULL, stream_position bigint NOT NULL, process_name text NOT NULL)',
  );
  const workers = await Promise.all(Array.from({ length: processes }, (_, index) => startWorker(databaseUrl, `process-${index + 1}`)));
  workers.forEach((worker) => worker.send('start'));
  await partitionsSharedOut(pool, processes);
  return {
    execute: async (latencies) => {
      await writeLog(pool, events);
      const started = performance.now();
      while ((await projected(pool)) < events) {
        if (performance.now() - started > GIVE_UP_AFTER_MS) throw new Error(`W7 gave up after ${GIVE_UP_AFTER_MS} ms`);
        await sleep(POLL_MS);
      }
      const elapsedMs = performance.now() - started;
      latencies.record(elapsedMs);
      return { units: events, elapsedMs };
    },
    verify: (errors) => checkProjection(pool, events, processes, errors),
    close: async () => {
      await Promise.all(workers.map(stopWorker));
    },
  };
}

/** Waits until every process announced itself holding at least one partition, and all of them are held. */
async function partitionsSharedOut(pool: Pool, processes: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ instances: number; held: number; fewest: number }>(
      `SELECT count(*)::integer AS instances, coalesce(sum(held_partitions), 0)::integer AS held, coalesce(min(held_partitions), 0)::integer AS fewest
       FROM es_subscription_instances WHERE subscription_id = $1`,
      [SUBSCRIPTION_ID],
    );
    const { instances, held, fewest } = rows[0]!;
    if (instances === processes && held === PARTITIONS && fewest > 0) return;
    if (performance.now() - started > GIVE_UP_AFTER_MS) throw new Error(`W7 processes did not share the partitions out: ${JSON.stringify(rows[0])}`);
    await sleep(POLL_MS);
  }
}

/**
 * The backlog in one transaction, so it commits at once: its shape matters here (many streams,
 * interleaved), not how it was written. Analyzed in the same transaction: the processes planned
 * their log reads on an empty table, and the new statistics make them plan again at the commit, as
 * autovacuum would for a log that grew gradually.
 */
async function writeLog(pool: Pool, events: number): Promise<void> {
  const connection = await pool.connect();
  try {
    await connection.query('BEGIN');
    await connection.query(
      `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
       SELECT gen_random_uuid(), 'Task_w7-' || (i % $2::integer), 'Task', i / $2::integer + 1, 'TaskCompleted',
              jsonb_build_object('taskId', gen_random_uuid(), 'courseId', 'course-1', 'n', i),
              jsonb_build_object('correlationId', gen_random_uuid(), 'causationId', gen_random_uuid()), now()
       FROM generate_series(0, $1::integer - 1) AS i`,
      [events, STREAMS],
    );
    await connection.query('ANALYZE es_events');
    await connection.query('COMMIT');
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
}

async function startWorker(databaseUrl: string, name: string): Promise<ChildProcess> {
  const worker = fork(WORKER, [databaseUrl, name, String(PARTITIONS), String(PAGE_SIZE)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const [message] = (await Promise.race([once(worker, 'message'), once(worker, 'exit').then(() => [null])])) as [unknown];
  if (message !== 'ready') throw new Error(`W7 process ${name} exited before it was ready`);
  return worker;
}

async function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = once(worker, 'exit');
  worker.send('stop');
  await Promise.race([exited, sleep(10_000).then(() => worker.kill('SIGKILL'))]);
}

async function projected(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM w7_projection');
  return rows[0]!.n;
}

/** Every event exactly once (the primary key refuses a second), each stream in order, and every process took part. */
async function checkProjection(pool: Pool, events: number, processes: number, errors: ErrorLog): Promise<void> {
  const { rows } = await pool.query<{ projected: number; unmatched: number; processes: number }>(
    `SELECT count(*)::integer AS projected, count(DISTINCT process_name)::integer AS processes,
            (SELECT count(*)::integer FROM es_events e WHERE NOT EXISTS (SELECT 1 FROM w7_projection p WHERE p.event_id = e.event_id)) AS unmatched
     FROM w7_projection`,
  );
  const { projected: count, unmatched, processes: took } = rows[0]!;
  errors.check(count === events, `projection holds ${count} events, expected exactly ${events}`);
  errors.check(unmatched === 0, `${unmatched} events missing from the projection`);
  errors.check(took === processes, `${took} of ${processes} processes handled events`);
}
