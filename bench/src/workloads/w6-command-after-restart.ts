import { ApplicationService, NO_STREAM, StreamName, systemTimeProvider, uuidIdGenerator, type Decider } from '@coderscamp/event-sourcing';
import { migrateEventStore, pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import { CATEGORY, taskCompleted, type TaskCompleted } from './fixtures';
import type { Contender, PreparedRun, Workload } from './workload';

const LONG_STREAM_EVENTS = 10_000;
const SHORT_STREAM_EVENTS = 10;
const SNAPSHOT_EVERY = 100;
const APPEND_BATCH = 1_000;

type Completions = Readonly<{ completed: number }>;

/** The state-based decider of the tasks stream's shape: a small state however long the stream. */
const completions: Decider<Completions, TaskCompleted> = {
  initialState: () => ({ completed: 0 }),
  evolve: (state) => ({ completed: state.completed + 1 }),
  snapshots: { name: 'W6Completions', schemaVersion: 1, everyEvents: SNAPSHOT_EVERY },
};

/** One more completion, numbered after those already in the stream: a wrong state shows in the numbers. */
function decide(state: Completions): TaskCompleted[] {
  return [{ type: 'TaskCompleted', data: { taskId: 'task', courseId: 'course-1', n: state.completed + 1 } }];
}

/**
 * W6: one command by an application service started just now (empty cache), on a stream of
 * 10,000 events whose snapshot starts as far behind as the policy lets it be (99 events) and then
 * moves every 100 commands, as in production; against the ceiling: the same command on a stream
 * of 10 events. With snapshots the cost stays flat: the long stream's command may take at most
 * twice the short one's. The short stream's log is filled up with another stream's events to the
 * same 10,000, so both commands run against tables of the same size.
 */
export const commandAfterRestart: Workload = {
  id: 'W6',
  title: `one command after a restart on a ${LONG_STREAM_EVENTS.toLocaleString('en')}-event stream (ceiling: on a ${SHORT_STREAM_EVENTS}-event stream)`,
  unit: 'ops/s',
  latencyOf: 'one command: snapshot + events after it → decide → append',
  target: { kind: 'percentOfCeiling', percent: 50 },
  contenders: ['ours', 'ceiling'],
  prepare: async (contender, { pool }, sizes) => prepare(contender, pool, sizes.restartedCommands),
};

async function prepare(contender: Contender, pool: Pool, commands: number): Promise<PreparedRun> {
  const client = pgSqlClient(pool);
  await migrateEventStore(client);
  const store = new PostgresEventStore(client);
  const stream = StreamName.of(CATEGORY, `w6-${contender}`);
  const length = contender === 'ours' ? LONG_STREAM_EVENTS : SHORT_STREAM_EVENTS;
  await appendWithSnapshotBehind(store, stream, length);
  // Both logs hold 10,000 events, so the ratio isolates the stream's length from the table's size.
  if (length < LONG_STREAM_EVENTS) await appendNumbered(store, StreamName.of(CATEGORY, 'w6-others'), 0, LONG_STREAM_EVENTS - length);

  return {
    execute: async (latencies) => {
      const started = performance.now();
      for (let i = 0; i < commands; i++) {
        await latencies.time(() => newService(store).executeOnState(stream, { correlationId: 'bench', causationId: `w6-${i}` }, completions, decide));
      }
      return { units: commands, elapsedMs: performance.now() - started };
    },
    verify: async (errors) => {
      const { rows } = await pool.query<{ events: number; misnumbered: number }>(
        `SELECT count(*)::integer AS events, count(*) FILTER (WHERE (data->>'n')::bigint <> stream_position)::integer AS misnumbered
         FROM es_events WHERE stream_name = $1`,
        [stream.toString()],
      );
      errors.check(rows[0]!.events === length + commands, `expected ${length + commands} events in ${stream.toString()}, found ${rows[0]!.events}`);
      errors.check(rows[0]!.misnumbered === 0, `${rows[0]!.misnumbered} commands decided on a wrong state`);
    },
    close: () => store.close(),
  };
}

/**
 * Appends `length` events; a stream long enough to be snapshotted gets its snapshot as far behind
 * as the policy lets it be: a command reads it at version S and saves it, then the stream grows on.
 */
async function appendWithSnapshotBehind(store: PostgresEventStore, stream: StreamName, length: number): Promise<void> {
  const snapshotVersion = length - (SNAPSHOT_EVERY - 1);
  if (snapshotVersion < SNAPSHOT_EVERY) return appendNumbered(store, stream, 0, length);
  await appendNumbered(store, stream, 0, snapshotVersion);
  const first = newService(store);
  await first.executeOnState(stream, { correlationId: 'bench', causationId: 'bench' }, completions, decide);
  await first.snapshotsSaved();
  await appendNumbered(store, stream, snapshotVersion + 1, length);
}

/** A fresh service per command: what a restarted process has, nothing cached. */
function newService(store: PostgresEventStore): ApplicationService {
  return new ApplicationService(store, systemTimeProvider, uuidIdGenerator, undefined, { cachedStreamEvents: 0 });
}

/** Appends the events numbered `from + 1`..`to` (their stream positions), in batches. */
async function appendNumbered(store: PostgresEventStore, stream: StreamName, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += APPEND_BATCH) {
    const batch = Array.from({ length: Math.min(APPEND_BATCH, to - start) }, (_, i) => {
      const event = taskCompleted(start + i + 1);
      return { ...event, data: { ...event.data, n: start + i + 1 } };
    });
    await store.appendToStream(stream, batch, { expectedVersion: start === 0 ? NO_STREAM : start });
  }
}
