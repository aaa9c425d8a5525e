import { migrateEventStore, pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import { NO_STREAM, StreamName } from '@coderscamp/event-sourcing';
import type { Pool } from 'pg';
import { runConcurrently } from '../measure/concurrency';
import { CATEGORY, CEILING_EVENTS_TABLE, CEILING_INSERT, ceilingInsertParams, checkStreams, taskCompleted } from './fixtures';
import { CONTENDERS, type Contender, type PreparedRun, type Workload } from './workload';

/** W1: appends of one event to a new stream, expected version "no stream". */
export function appendToNewStream(concurrency: number): Workload {
  return {
    id: `W1-c${concurrency}`,
    title: `append 1 event to a new stream ("no stream"), concurrency ${concurrency}`,
    unit: 'events/s',
    latencyOf: 'one append',
    target: { kind: 'percentOfCeiling', percent: 70 },
    contenders: CONTENDERS,
    prepare: async (contender, { pool }, sizes) => prepare(contender, pool, concurrency, sizes.appends),
  };
}

async function prepare(contender: Contender, pool: Pool, concurrency: number, appends: number): Promise<PreparedRun> {
  const client = pgSqlClient(pool);
  const streamName = (index: number) => StreamName.of(CATEGORY, `w1-${index}`);
  // Built before the clock starts: the payloads are input, not work.
  const events = Array.from({ length: appends }, (_, index) => taskCompleted(index));
  let append: (index: number) => Promise<unknown>;
  if (contender === 'ours') {
    await migrateEventStore(client);
    const eventStore = new PostgresEventStore(client);
    append = (index) => eventStore.appendToStream(streamName(index), [events[index]!], { expectedVersion: NO_STREAM });
  } else {
    await pool.query(CEILING_EVENTS_TABLE);
    append = (index) => pool.query(CEILING_INSERT, ceilingInsertParams(streamName(index).toString(), 1, events[index]!));
  }
  return {
    execute: async (latencies, errors) => {
      const started = performance.now();
      await runConcurrently(concurrency, appends, (index) => latencies.time(() => append(index)), errors);
      return { units: latencies.count, elapsedMs: performance.now() - started };
    },
    verify: async (errors) => {
      const table = contender === 'ours' ? 'es_events' : 'ceiling_events';
      const problems = await checkStreams(pool, table, { streams: appends, eventsPerStream: 1 });
      problems.forEach((problem) => errors.add(problem));
    },
  };
}
