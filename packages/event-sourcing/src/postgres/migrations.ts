import type { SqlClient } from './sql-client';

export type SqlMigration = Readonly<{ version: number; name: string; sql: string }>;

export type MigrationSet = Readonly<{
  /** Table that records applied versions. */
  table: string;
  /** Advisory-lock key: processes starting together apply each migration once. */
  lockKey: number;
  migrations: readonly SqlMigration[];
}>;

/**
 * Applies the set's pending migrations in version order, each in its own transaction together
 * with its bookkeeping row. Returns the versions applied now.
 */
export async function runSqlMigrations(client: SqlClient, set: MigrationSet): Promise<number[]> {
  assertOrdered(set.migrations);
  await client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [set.lockKey]);
    await tx.executeScript(
      `CREATE TABLE IF NOT EXISTS ${set.table} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  const applied: number[] = [];
  for (const migration of set.migrations) {
    const didApply = await client.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [set.lockKey]);
      const { rowCount } = await tx.query(`SELECT 1 FROM ${set.table} WHERE version = $1`, [migration.version]);
      if (rowCount > 0) return false;
      await tx.executeScript(migration.sql);
      await tx.query(`INSERT INTO ${set.table} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

function assertOrdered(migrations: readonly SqlMigration[]): void {
  migrations.forEach((migration, index) => {
    if (index > 0 && migration.version <= migrations[index - 1]!.version) {
      throw new Error(`Migration versions must increase: ${migration.version} follows ${migrations[index - 1]!.version}`);
    }
  });
}

const EVENT_STORE_SCHEMA: SqlMigration = {
  version: 1,
  name: 'event-store',
  sql: `
    CREATE TABLE es_events (
      global_position bigserial PRIMARY KEY,
      event_id uuid NOT NULL,
      stream_name text NOT NULL,
      category text NOT NULL,
      stream_position bigint NOT NULL CHECK (stream_position > 0),
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      schema_version integer NOT NULL DEFAULT 1,
      CONSTRAINT es_events_event_id_unique UNIQUE (event_id),
      CONSTRAINT es_events_stream_position_unique UNIQUE (stream_name, stream_position)
    );
    -- Subscribers read in commit-safe order: (transaction, position) below the oldest open transaction.
    CREATE INDEX es_events_log_order ON es_events (transaction_id, global_position);
  `,
};

const SUBSCRIPTIONS_SCHEMA: SqlMigration = {
  version: 2,
  name: 'subscriptions',
  sql: `
    CREATE TABLE es_subscriptions (
      subscription_id text PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT '0',
      global_position bigint NOT NULL DEFAULT 0,
      state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'failed')),
      last_error jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE es_parked_events (
      subscription_id text NOT NULL,
      event_id uuid NOT NULL,
      global_position bigint NOT NULL,
      event_type text NOT NULL,
      error text NOT NULL,
      attempts integer NOT NULL,
      parked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (subscription_id, event_id)
    );
  `,
};

const SUBJECT_KEYS_SCHEMA: SqlMigration = {
  version: 3,
  name: 'subject-keys',
  sql: `
    -- One data key per subject of personal data. Erasing the subject clears its key for good and
    -- keeps the row, so no second key is ever made for it.
    CREATE TABLE es_subject_keys (
      subject text PRIMARY KEY,
      -- The raw key, or, when wrapped, iv || tag || AES-256-GCM ciphertext of it under the master key.
      key bytea,
      wrapped boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      erased_at timestamptz,
      CONSTRAINT es_subject_keys_erased_has_no_key CHECK ((key IS NULL) = (erased_at IS NOT NULL))
    );
  `,
};

const CORRELATION_INDEX: SqlMigration = {
  version: 4,
  name: 'correlation-index',
  sql: `
    -- Everything one request set in motion, in one look-up (the causation view). Not partial: a
    -- predicate the look-up cannot imply would keep the planner from using it.
    CREATE INDEX es_events_correlation_id ON es_events ((metadata->>'correlationId'));
  `,
};

const PARKED_EVENT_RESOLUTION_SCHEMA: SqlMigration = {
  version: 5,
  name: 'parked-event-resolution',
  sql: `
    -- Where the parked event sits in the log, so it can be read back and handled again, and how an
    -- operator resolved it: replayed or skipped rows stay as the record of that decision.
    ALTER TABLE es_parked_events
      ADD COLUMN transaction_id xid8,
      ADD COLUMN stream_name text,
      ADD COLUMN resolution text CHECK (resolution IN ('replayed', 'skipped')),
      ADD COLUMN resolved_at timestamptz,
      ADD CONSTRAINT es_parked_events_resolved_when CHECK ((resolution IS NULL) = (resolved_at IS NULL));
    UPDATE es_parked_events p SET transaction_id = e.transaction_id, stream_name = e.stream_name
      FROM es_events e WHERE e.event_id = p.event_id;
    ALTER TABLE es_parked_events ALTER COLUMN transaction_id SET NOT NULL, ALTER COLUMN stream_name SET NOT NULL;
  `,
};

const STREAM_CATALOG_INDEX: SqlMigration = {
  version: 6,
  name: 'stream-catalog-index',
  sql: `
    -- Browsing the log (the stream catalog): a category's streams by name, a page at a time, and the
    -- event counts per category from the index alone. In the "C" collation, so names sort by code
    -- point on every database, as the in-memory store sorts them.
    CREATE INDEX es_events_category_streams ON es_events (category, stream_name COLLATE "C", stream_position);
  `,
};

const SNAPSHOTS_SCHEMA: SqlMigration = {
  version: 7,
  name: 'snapshots',
  sql: `
    -- One snapshot per stream and name, bound to the event at its version by that event's global
    -- position: read back only while that very event is still in the stream.
    CREATE TABLE es_snapshots (
      stream_name text NOT NULL,
      snapshot_name text NOT NULL,
      schema_version integer NOT NULL,
      stream_version bigint NOT NULL CHECK (stream_version > 0),
      global_position bigint NOT NULL,
      state jsonb NOT NULL,
      saved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (stream_name, snapshot_name)
    );
  `,
};

const SUBSCRIPTION_INSTANCES_SCHEMA: SqlMigration = {
  version: 8,
  name: 'subscription-instances',
  sql: `
    -- The instances running a partitioned subscription announce themselves here every second or so,
    -- with how many partitions they hold: each works out its fair share from the live ones. A row
    -- not renewed for a few seconds is an instance that died; a stopping one deletes its row.
    CREATE TABLE es_subscription_instances (
      subscription_id text NOT NULL,
      instance_id text NOT NULL,
      held_partitions integer NOT NULL CHECK (held_partitions >= 0),
      announced_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (subscription_id, instance_id)
    );
  `,
};

export const EVENT_STORE_MIGRATIONS: MigrationSet = {
  table: 'es_schema_migrations',
  lockKey: 7_310_001,
  migrations: [
    EVENT_STORE_SCHEMA,
    SUBSCRIPTIONS_SCHEMA,
    SUBJECT_KEYS_SCHEMA,
    CORRELATION_INDEX,
    PARKED_EVENT_RESOLUTION_SCHEMA,
    STREAM_CATALOG_INDEX,
    SNAPSHOTS_SCHEMA,
    SUBSCRIPTION_INSTANCES_SCHEMA,
  ],
};

/** Creates or upgrades the event store's tables. Safe to call from every process at start-up. */
export function migrateEventStore(client: SqlClient): Promise<number[]> {
  return runSqlMigrations(client, EVENT_STORE_MIGRATIONS);
}
