import { ANY, StreamName } from '@coderscamp/event-sourcing';
import { migrateEventStore, pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import { runConcurrently } from '../measure/concurrency';
import { CATEGORY, CEILING_EVENTS_TABLE, CEILING_INSERT, CEILING_READ_STREAM, ceilingInsertParams, taskCompleted } from './fixtures';
import { CONTENDERS, type Contender, type PreparedRun, type Workload } from './workload';

const CONCURRENCY = 8;
const STREAM_LENGTH = 50;

/** W3: read one 50-event stream over and over; every read must return positions 1..50 in order. */
export const readStream: Workload = {
  id: 'W3',
  title: `read a ${STREAM_LENGTH}-event stream, concurrency ${CONCURRENCY}`,
  unit: 'ops/s',
  latencyOf: 'one stream read',
  target: { kind: 'percentOfCeiling', percent: 70 },
  contenders: CONTENDERS,
  prepare: async (contender, { pool }, sizes) => prepare(contender, pool, sizes.streamReads),
};

async function prepare(contender: Contender, pool: Pool, reads: number): Promise<PreparedRun> {
  const client = pgSqlClient(pool);
  const stream = StreamName.of(CATEGORY, 'w3');
  const events = Array.from({ length: STREAM_LENGTH }, (_, index) => taskCompleted(index + 1));
  let read: () => Promise<readonly number[]>;
  if (contender === 'ours') {
    await migrateEventStore(client);
    const eventStore = new PostgresEventStore(client);
    await eventStore.appendToStream(stream, events, { expectedVersion: ANY });
    read = async () => (await eventStore.readStream(stream)).events.map((event) => event.streamVersion);
  } else {
    await pool.query(CEILING_EVENTS_TABLE);
    for (const [index, event] of events.entries()) await pool.query(CEILING_INSERT, ceilingInsertParams(stream.toString(), index + 1, event));
    read = async () => (await pool.query<{ stream_position: string }>(CEILING_READ_STREAM, [stream.toString()])).rows.map((row) => Number(row.stream_position));
  }
  return {
    execute: async (latencies, errors) => {
      const started = performance.now();
      await runConcurrently(
        CONCURRENCY,
        reads,
        async () => {
          const positions = await latencies.time(read);
          if (!isWholeStream(positions)) throw new Error(`a read returned positions [${positions.join(',')}]`);
        },
        errors,
      );
      return { units: latencies.count, elapsedMs: performance.now() - started };
    },
    // Each read was checked as it came back.
    verify: async () => undefined,
  };
}

function isWholeStream(positions: readonly number[]): boolean {
  return positions.length === STREAM_LENGTH && positions.every((position, index) => position === index + 1);
}
