import type { ApplicationEvent, LogPosition } from '../core/events';
import { ANY, NO_STREAM, STREAM_EXISTS, type ExpectedVersion } from '../core/expected-version';

/** A statement text with the name it is prepared under, once per connection. */
export type PreparedStatement = Readonly<{ text: string; preparedAs: string }>;

export type EventRow = {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_name: string;
  stream_position: string | number;
  type: string;
  data: unknown;
  metadata: unknown;
  occurred_at: Date | string;
  schema_version: number;
};

export type AppendedRow = { global_position: string; stream_position: string | number; transaction_id: string };

export type LogPositionRow = { transaction_id: string; global_position: string };

const EVENT_COLUMNS = `global_position::text AS global_position, transaction_id::text AS transaction_id, event_id, stream_name,
  stream_position, type, data, metadata, occurred_at, schema_version`;

/**
 * Where the new events' stream positions start. A number is checked against the stream's last event;
 * "no stream" starts at 1; both rely on the unique (stream, position) constraint as the
 * compare-and-set. "Stream exists" and "any" read the current end in the same statement.
 */
function baseVersionQuery(expected: ExpectedVersion): string {
  if (expected === NO_STREAM) return 'SELECT 0::bigint AS version';
  if (expected === ANY) return 'SELECT coalesce(max(stream_position), 0) AS version FROM es_events WHERE stream_name = $1';
  if (expected === STREAM_EXISTS) {
    return 'SELECT max(stream_position) AS version FROM es_events WHERE stream_name = $1 HAVING max(stream_position) IS NOT NULL';
  }
  return 'SELECT $4::bigint AS version WHERE EXISTS (SELECT 1 FROM es_events WHERE stream_name = $1 AND stream_position = $4::bigint)';
}

function appendStatement(expected: ExpectedVersion): string {
  return `
    WITH base AS (${baseVersionQuery(expected)}),
    inserted AS (
      INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at, schema_version)
      SELECT (e->>'id')::uuid, $1, $2, base.version + t.ordinality, e->>'type', e->'data', e->'metadata',
             (e->>'occurredAt')::timestamptz, (e->>'schemaVersion')::integer
      FROM base, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(e, ordinality)
      RETURNING global_position, stream_position, transaction_id
    )
    SELECT global_position::text AS global_position, stream_position, transaction_id::text AS transaction_id
    FROM inserted ORDER BY stream_position`;
}

/**
 * The append's four texts, each prepared once per connection: planning this statement costs the
 * server more than running it, and its plan is the same whatever the parameters.
 */
const APPEND_VARIANTS = {
  noStream: { text: appendStatement(NO_STREAM), preparedAs: 'es_append_no_stream' },
  any: { text: appendStatement(ANY), preparedAs: 'es_append_any' },
  streamExists: { text: appendStatement(STREAM_EXISTS), preparedAs: 'es_append_stream_exists' },
  atVersion: { text: appendStatement(0), preparedAs: 'es_append_at_version' },
} satisfies Record<string, PreparedStatement>;

/** The append for an expectation; a numeric one passes its version as the fourth parameter. */
export function appendStatementFor(expected: ExpectedVersion): PreparedStatement {
  if (expected === NO_STREAM) return APPEND_VARIANTS.noStream;
  if (expected === ANY) return APPEND_VARIANTS.any;
  if (expected === STREAM_EXISTS) return APPEND_VARIANTS.streamExists;
  return APPEND_VARIANTS.atVersion;
}

export type BatchAppendedRow = AppendedRow & { stream_name: string };

/**
 * Several appends in one statement, so one transaction and one commit: each at a version number
 * ($3; 0 when the stream must not exist yet) of its stream ($1, category $2), its events a JSON
 * array ($4). An append whose stream is not at its version (no event at it) inserts nothing and
 * returns no row, without touching the others; one the unique (stream, position) constraint
 * refuses, a race lost to another writer, fails the whole statement. Rows come back in log order.
 */
export const APPEND_BATCH: PreparedStatement = {
  text: `
    WITH append AS (
      SELECT a.stream_name, a.category, a.expected_version, a.events, a.n
      FROM unnest($1::text[], $2::text[], $3::bigint[], $4::jsonb[]) WITH ORDINALITY AS a(stream_name, category, expected_version, events, n)
      -- A scalar subquery, looked up in the (stream, position) index per append: EXISTS may be planned
      -- as one hash of the whole table, and this plan is prepared once for every size of the log.
      WHERE a.expected_version = 0
         OR (SELECT true FROM es_events s WHERE s.stream_name = a.stream_name AND s.stream_position = a.expected_version)
    ),
    inserted AS (
      INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at, schema_version)
      SELECT (e->>'id')::uuid, append.stream_name, append.category, append.expected_version + t.ordinality, e->>'type', e->'data',
             e->'metadata', (e->>'occurredAt')::timestamptz, (e->>'schemaVersion')::integer
      FROM append CROSS JOIN LATERAL jsonb_array_elements(append.events) WITH ORDINALITY AS t(e, ordinality)
      -- Positions are drawn in this order: every stream's events stay in log order.
      ORDER BY append.n, t.ordinality
      RETURNING stream_name, global_position, stream_position, transaction_id
    )
    SELECT stream_name, global_position::text AS global_position, stream_position, transaction_id::text AS transaction_id
    FROM inserted ORDER BY inserted.global_position`,
  preparedAs: 'es_append_batch',
};

/**
 * Whether the filter accepts entry `e`: its type ($4), its category ($5), and with $6 partitions the
 * partition $7 owning its stream, by the hash `partitionOfStream` computes, in SQL.
 */
const READ_ALL_MATCHES = `(($4::jsonb IS NULL OR $4::jsonb ? e.type) AND ($5::jsonb IS NULL OR $5::jsonb ? e.category)
  AND ($6::integer IS NULL OR ('x' || substr(md5(e.stream_name), 1, 8))::bit(32)::bigint % $6::integer = $7::integer))`;

/** An entry of a page read: a whole event the filter accepts, or the position of one it rejects. */
export type MatchedRow = EventRow & { matches: true };
export type ReadAllRow = MatchedRow | (LogPositionRow & { matches: false });

/** An entry of a sparse page read, which carries how much the page scanned, matching or not. */
export type SparseReadAllRow = ReadAllRow & Readonly<{ scanned_count: number; highest_global_position: string }>;

/** The columns of an entry the filter accepts; a rejected one has them null. */
const matchedColumnsOf = (relation: string) =>
  ['event_id', 'stream_name', 'stream_position', 'type', 'occurred_at', 'schema_version', 'data', 'metadata']
    .map((column) => `CASE WHEN ${relation}.matches THEN ${relation}.${column} END AS ${column}`)
    .join(', ');

/** At most $3 entries after the position ($1, $2), in log order, each marked whether the filter accepts it. */
const READ_ALL_PAGE = `SELECT e.*, ${READ_ALL_MATCHES} AS matches
               FROM es_events e
               WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
                 AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
               ORDER BY e.transaction_id, e.global_position
               LIMIT $3`;

/**
 * A subscription's page read where the filter accepts most entries: every entry comes back, those
 * the filter rejects as positions only, which move the reader on. Rows stream to the client as the
 * index scan finds them. One text whatever the filter, so it is prepared once per connection.
 */
export const READ_ALL: PreparedStatement = {
  text: `SELECT page.global_position::text AS global_position, page.transaction_id::text AS transaction_id, page.matches, ${matchedColumnsOf('page')}
         FROM (${READ_ALL_PAGE}) page
         ORDER BY page.transaction_id, page.global_position`,
  preparedAs: 'es_read_all',
};

/**
 * A subscription's page read where the filter rejects most entries (live, eleven of the app's
 * subscriptions scan past every task completion): of the rejected entries only the page's last
 * comes back, as the position the reader resumes after, and every row carries the page's scanned
 * count and highest position. Each row spared is output spared on the server and parsing on the
 * client's thread, the one that also answers requests. The window functions need the whole page
 * before the first row leaves, though, which costs a page the filter wholly accepts a few
 * milliseconds per thousand entries (W4b): hence two statements.
 */
export const READ_ALL_SPARSE: PreparedStatement = {
  text: `SELECT scan.global_position::text AS global_position, scan.transaction_id::text AS transaction_id, scan.matches,
                scan.scanned_count, scan.highest_global_position::text AS highest_global_position, ${matchedColumnsOf('scan')}
         FROM (SELECT page.*, count(*) OVER ()::integer AS scanned_count, max(page.global_position) OVER () AS highest_global_position,
                      row_number() OVER (ORDER BY page.transaction_id, page.global_position) AS scan_order
               FROM (${READ_ALL_PAGE}) page) scan
         WHERE scan.matches OR scan.scan_order = scan.scanned_count
         ORDER BY scan.transaction_id, scan.global_position`,
  preparedAs: 'es_read_all_sparse',
};

export const READ_STREAM: PreparedStatement = {
  text: `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_name = $1 ORDER BY stream_position`,
  preparedAs: 'es_read_stream',
};

/** Served by the expression index `es_events_correlation_id`: the expression must stay the same. */
export const READ_BY_CORRELATION_ID: PreparedStatement = {
  text: `SELECT ${EVENT_COLUMNS} FROM es_events e WHERE e.metadata->>'correlationId' = $1 ORDER BY e.global_position`,
  preparedAs: 'es_read_by_correlation_id',
};

/**
 * For each position ($1 transaction ids, $2 global positions), reads at most $3 entries after it,
 * in log order along its index, so the cost is bounded however far behind a reader is; the last
 * global position (the primary key's end) lets the caller estimate beyond. One row per position,
 * in their order.
 */
export const BACKLOGS_AFTER = `SELECT pending.events, pending.oldest, (SELECT max(global_position)::text FROM es_events) AS last_global_position
         FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS reader(transaction_id, global_position, ordinal)
         CROSS JOIN LATERAL (
           SELECT count(*)::integer AS events, min(ahead.occurred_at) AS oldest FROM (
             SELECT e.occurred_at FROM es_events e
             WHERE (e.transaction_id, e.global_position) > (reader.transaction_id::xid8, reader.global_position)
             ORDER BY e.transaction_id, e.global_position LIMIT $3) ahead) pending
         ORDER BY reader.ordinal`;

/**
 * The catalog compares stream names in the "C" collation (code point order, as the in-memory store
 * does), whatever the database's own: `es_events_category_streams` (migration 6) is built in it, so
 * it serves both the keyset condition and the order. Categories count their streams by first events:
 * positions start at 1 without gaps, so no DISTINCT is needed.
 */
export const LIST_CATEGORIES = `SELECT e.category, count(*) FILTER (WHERE e.stream_position = 1)::text AS streams, count(*)::text AS events
         FROM es_events e GROUP BY e.category ORDER BY e.category COLLATE "C"`;

/** $1 category, $2 the last name of the previous page ('' from the start: every name sorts after it), $3 search ('' for none), $4 limit. */
export const LIST_STREAMS = `SELECT e.stream_name COLLATE "C" AS stream_name, max(e.stream_position)::text AS version, max(e.occurred_at) AS last_event_at
         FROM es_events e
         WHERE e.category = $1 AND e.stream_name COLLATE "C" > $2
           AND ($3 = '' OR strpos(lower(substr(e.stream_name, length(e.category) + 2)), lower($3)) > 0)
         GROUP BY e.stream_name COLLATE "C"
         ORDER BY e.stream_name COLLATE "C"
         LIMIT $4`;

/** The stream's current version with up to $3 events after position $2; one row of nulls but the version when the page is empty. */
export const READ_STREAM_PAGE = `SELECT v.current_version::text AS current_version, page.*
         FROM (SELECT coalesce(max(s.stream_position), 0) AS current_version FROM es_events s WHERE s.stream_name = $1) v
         LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS} FROM es_events e WHERE e.stream_name = $1 AND e.stream_position > $2 ORDER BY e.stream_position LIMIT $3
         ) page ON true
         ORDER BY page.stream_position`;

/**
 * The stream from its snapshot, in one round trip: the snapshot of the name and schema version
 * ($2, $3), if the event it is bound to is still at its version, and the events after it (all of
 * them without one). Each row carries the stream's version; the snapshot's state comes on the first
 * row only, and a stream with no events after the snapshot still yields that one row.
 */
export const READ_STREAM_FROM_SNAPSHOT: PreparedStatement = {
  text: `WITH snapshot AS (
           SELECT s.stream_version, s.state FROM es_snapshots s
           JOIN es_events bound ON bound.stream_name = s.stream_name AND bound.stream_position = s.stream_version AND bound.global_position = s.global_position
           WHERE s.stream_name = $1 AND s.snapshot_name = $2 AND s.schema_version = $3
         ),
         start AS (SELECT coalesce((SELECT stream_version FROM snapshot), 0) AS after_version)
         SELECT v.current_version::text AS current_version, start.after_version::text AS snapshot_version,
                CASE WHEN page.stream_position IS NULL OR page.stream_position = start.after_version + 1 THEN (SELECT state FROM snapshot) END AS snapshot_state,
                page.*
         FROM start
         CROSS JOIN (SELECT coalesce(max(s.stream_position), 0) AS current_version FROM es_events s WHERE s.stream_name = $1) v
         LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS} FROM es_events e WHERE e.stream_name = $1 AND e.stream_position > start.after_version ORDER BY e.stream_position
         ) page ON true
         ORDER BY page.stream_position`,
  preparedAs: 'es_read_stream_from_snapshot',
};

/**
 * Keeps a snapshot bound to the event now at its version (nothing is saved without one), unless
 * the stream holds an event of a type in $6, or a valid snapshot at least as recent is kept.
 */
export const SAVE_SNAPSHOT = `
  INSERT INTO es_snapshots (stream_name, snapshot_name, schema_version, stream_version, global_position, state)
  SELECT $1, $2, $3, e.stream_position, e.global_position, $5::jsonb FROM es_events e
  WHERE e.stream_name = $1 AND e.stream_position = $4
    -- Without types to look for, the stream is not scanned at all.
    AND (cardinality($6::text[]) = 0 OR NOT EXISTS (SELECT 1 FROM es_events p WHERE p.stream_name = $1 AND p.type = ANY($6::text[])))
  ON CONFLICT (stream_name, snapshot_name) DO UPDATE
  SET schema_version = excluded.schema_version, stream_version = excluded.stream_version, global_position = excluded.global_position,
      state = excluded.state, saved_at = now()
  WHERE es_snapshots.schema_version <> excluded.schema_version
     OR es_snapshots.stream_version < excluded.stream_version
     OR NOT EXISTS (SELECT 1 FROM es_events b WHERE b.stream_name = es_snapshots.stream_name
                      AND b.stream_position = es_snapshots.stream_version AND b.global_position = es_snapshots.global_position)`;

/**
 * Every query that selects a position column as text orders by the table's column, qualified:
 * unqualified, ORDER BY would take the text output column and sort "99" after "300".
 */
export const END_OF_LOG = `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM es_events e
         ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`;

export function toApplicationEvent(row: EventRow): ApplicationEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: new Date(row.occurred_at),
    streamName: row.stream_name,
    streamVersion: Number(row.stream_position),
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    schemaVersion: row.schema_version,
  } as ApplicationEvent;
}

export function toLogPosition(row: LogPositionRow): LogPosition {
  return { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) };
}
