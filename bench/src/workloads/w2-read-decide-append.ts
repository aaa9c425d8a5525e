import { ApplicationService, StreamName, systemTimeProvider, uuidIdGenerator } from '@coderscamp/event-sourcing';
import { migrateEventStore, pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import { ErrorLog, runConcurrently } from '../measure/concurrency';
import { CATEGORY, CEILING_EVENTS_TABLE, CEILING_INSERT, CEILING_READ_STREAM, ceilingInsertParams, checkStreams, taskCompleted, type TaskCompleted } from './fixtures';
import { CONTENDERS, type Contender, type PreparedRun, type Workload } from './workload';

const CONCURRENCY = 8;
/**
 * Cycles each contender runs on streams of its own before the clock starts. Ours has more code on
 * the path for V8 to optimize than the ceiling: unwarmed, our first of three runs made 67–75% of
 * the ceiling where the later ones made 79–103%.
 */
const WARM_UP_STREAMS_SHARE = 0.25;

/**
 * W2: read a stream, decide, append one event expecting the version read. Each worker owns its
 * streams, so a concurrency conflict would be a bug, not part of the load.
 */
export const readDecideAppend: Workload = {
  id: 'W2',
  title: `read stream → decide → append with expected version, concurrency ${CONCURRENCY}`,
  unit: 'ops/s',
  latencyOf: 'one read → append cycle',
  target: { kind: 'percentOfCeiling', percent: 80 },
  contenders: CONTENDERS,
  prepare: async (contender, { pool }, sizes) => prepare(contender, pool, sizes.cycleStreams, sizes.cyclesPerStream),
};

/** The decision: one more completion, numbered after those already in the stream. */
function decide(pastEvents: readonly unknown[]): TaskCompleted {
  return { type: 'TaskCompleted', data: { taskId: 'task', courseId: 'course-1', n: pastEvents.length + 1 } };
}

async function prepare(contender: Contender, pool: Pool, streams: number, cyclesPerStream: number): Promise<PreparedRun> {
  const client = pgSqlClient(pool);
  const streamName = (index: number) => StreamName.of(CATEGORY, `w2-${index}`);
  const warmUpStreamName = (index: number) => StreamName.of(CATEGORY, `warm-up-${index}`);
  let cycle: (stream: StreamName) => Promise<unknown>;
  if (contender === 'ours') {
    await migrateEventStore(client);
    // No cached stream state: W2 measures read → decide → append, every cycle reading its stream.
    const service = new ApplicationService(new PostgresEventStore(client), systemTimeProvider, uuidIdGenerator, undefined, { cachedStreamEvents: 0 });
    const metadata = { correlationId: 'bench', causationId: 'bench' };
    cycle = (stream) => service.execute<TaskCompleted>(stream, metadata, (past) => [decide(past)]);
  } else {
    await pool.query(CEILING_EVENTS_TABLE);
    cycle = async (stream) => {
      const name = stream.toString();
      const { rows } = await pool.query(CEILING_READ_STREAM, [name]);
      const decided = decide(rows);
      const event = { ...taskCompleted(0), data: decided.data };
      await pool.query(CEILING_INSERT, ceilingInsertParams(name, rows.length + 1, event));
    };
  }
  const warmUpErrors = new ErrorLog();
  await runConcurrently(
    CONCURRENCY,
    Math.ceil(streams * WARM_UP_STREAMS_SHARE),
    async (index) => {
      for (let step = 0; step < cyclesPerStream; step++) await cycle(warmUpStreamName(index));
    },
    warmUpErrors,
  );
  if (warmUpErrors.count > 0) throw new Error(`Warm-up failed: ${warmUpErrors.summary().join('; ')}`);
  return {
    execute: async (latencies, errors) => {
      const started = performance.now();
      await runConcurrently(
        CONCURRENCY,
        streams,
        async (index) => {
          const stream = streamName(index);
          for (let step = 0; step < cyclesPerStream; step++) await latencies.time(() => cycle(stream));
        },
        errors,
      );
      return { units: latencies.count, elapsedMs: performance.now() - started };
    },
    verify: async (errors) => {
      const table = contender === 'ours' ? 'es_events' : 'ceiling_events';
      const problems = await checkStreams(pool, table, { streams, eventsPerStream: cyclesPerStream, namesContaining: 'w2-' });
      problems.forEach((problem) => errors.add(problem));
    },
  };
}
