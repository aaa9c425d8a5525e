import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventToAppend } from '@coderscamp/event-sourcing';
import type { Pool } from 'pg';

/** The one event type of every workload: small, like the course platform's task completions. */
export type TaskCompleted = DomainEvent<'TaskCompleted', { taskId: string; courseId: string; n: number }>;

export const CATEGORY = 'Task';

export function taskCompleted(n: number): EventToAppend<TaskCompleted> {
  return {
    type: 'TaskCompleted',
    data: { taskId: randomUUID(), courseId: 'course-1', n },
    id: randomUUID(),
    metadata: { correlationId: randomUUID(), causationId: randomUUID() },
    occurredAt: new Date(),
  };
}

/**
 * The ceilings' table: the same columns, keys and log-order index as the SDK's `es_events`, so the
 * ratio measures what our code adds on the way to the same rows, not a leaner schema.
 */
export const CEILING_EVENTS_TABLE = `
  CREATE TABLE ceiling_events (
    global_position bigserial PRIMARY KEY,
    event_id uuid NOT NULL UNIQUE,
    stream_name text NOT NULL,
    category text NOT NULL,
    stream_position bigint NOT NULL,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    occurred_at timestamptz NOT NULL,
    schema_version integer NOT NULL DEFAULT 1,
    UNIQUE (stream_name, stream_position)
  );
  CREATE INDEX ceiling_events_log_order ON ceiling_events (transaction_id, global_position);`;

export const CEILING_INSERT = `
  INSERT INTO ceiling_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

/** Parameters of `CEILING_INSERT`; pg serialises the objects to json as the SDK does. */
export function ceilingInsertParams(streamName: string, position: number, event: EventToAppend<TaskCompleted>): unknown[] {
  return [event.id, streamName, CATEGORY, position, event.type, event.data, event.metadata, event.occurredAt];
}

export const CEILING_READ_STREAM = 'SELECT * FROM ceiling_events WHERE stream_name = $1 ORDER BY stream_position';

/**
 * Streams end up with positions 1..n and nothing else; the query runs on either contender's table.
 * With `namesContaining`, only the streams whose name contains it are checked (not a warm-up's).
 */
export async function checkStreams(
  pool: Pool,
  table: 'es_events' | 'ceiling_events',
  expected: Readonly<{ streams: number; eventsPerStream: number; namesContaining?: string }>,
): Promise<string[]> {
  const { rows } = await pool.query<{ streams: number; events: number; bad_streams: number }>(`
    SELECT count(*)::integer AS streams, coalesce(sum(events), 0)::integer AS events,
           count(*) FILTER (WHERE events <> $EXPECTED OR last <> $EXPECTED OR first <> 1)::integer AS bad_streams
    FROM (SELECT stream_name, count(*) AS events, max(stream_position) AS last, min(stream_position) AS first
          FROM ${table} WHERE strpos(stream_name, $1) > 0 GROUP BY stream_name) s`.replaceAll('$EXPECTED', String(expected.eventsPerStream)),
    [expected.namesContaining ?? ''],
  );
  const { streams, events, bad_streams } = rows[0]!;
  const problems: string[] = [];
  if (streams !== expected.streams) problems.push(`expected ${expected.streams} streams, found ${streams}`);
  if (events !== expected.streams * expected.eventsPerStream) {
    problems.push(`expected ${expected.streams * expected.eventsPerStream} events, found ${events}`);
  }
  if (bad_streams > 0) problems.push(`${bad_streams} streams are not exactly positions 1..${expected.eventsPerStream}`);
  return problems;
}
