import { LOG_START, type LogPosition } from '../core/events';
import type { CheckpointSwitch, RebuildStore, RebuildTables } from '../subscriptions/rebuild-tables';
import { translatingDriverErrors } from './database-errors';
import { toLogPosition, type LogPositionRow } from './event-store-statements';
import { LEASE_LOCK_NAMESPACE } from './lease-lock';
import type { SqlClient, SqlExecutor } from './sql-client';

/**
 * How long the switch waits for readers of the serving tables to let go of them before it gives up
 * (and is retried): meanwhile every new reader queues behind it.
 */
const SWITCH_LOCK_TIMEOUT = '5s';

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Blue/green rebuilds on a PostgreSQL server. A rebuild `r` writes into schema `rebuild_<r>`, whose
 * tables are `LIKE` copies of the serving ones (indexes, defaults, constraints; a serial column
 * draws from the serving table's sequence); the switch moves the serving tables into `retired_<r>` and the copies
 * into the serving schema, which keeps every name the application queries. The serving schema is
 * the connections' current schema (`public` unless their search path says otherwise).
 */
export class PostgresRebuildTables implements RebuildTables<SqlExecutor> {
  constructor(
    private readonly client: SqlClient,
    private readonly storeWritingTo: (tableSchema: string) => RebuildStore<SqlExecutor>,
  ) {}

  async prepare(rebuildId: string, tables: readonly string[]): Promise<RebuildStore<SqlExecutor>> {
    const { building, retired } = schemasOf(rebuildId);
    await translatingDriverErrors(() =>
      this.client.transaction(async (tx) => {
        const serving = await servingSchema(tx);
        await forgetCheckpoints(tx, rebuildId);
        await tx.executeScript(`DROP SCHEMA IF EXISTS ${retired} CASCADE; DROP SCHEMA IF EXISTS ${building} CASCADE; CREATE SCHEMA ${building};`);
        for (const table of tables.map(tableIdentifier)) {
          await tx.executeScript(`CREATE TABLE ${building}.${table} (LIKE ${serving}.${table} INCLUDING ALL)`);
        }
      }),
    );
    return this.storeWritingTo(unquoted(building));
  }

  async switchOver(
    rebuildId: string,
    checkpoints: readonly CheckpointSwitch[],
    tables: readonly string[],
    haltRebuildReaching: (livePositions: readonly LogPosition[]) => Promise<void>,
  ): Promise<LogPosition[]> {
    const { building, retired } = schemasOf(rebuildId);
    const liveIds = checkpoints.map(({ live }) => live);
    const rebuiltIds = checkpoints.map(({ rebuilt }) => rebuilt);
    return translatingDriverErrors(() =>
      this.client.transaction(async (tx) => {
        // Locking the live checkpoints pauses the live partitions: the next commit of each waits for this one, then finds its checkpoint moved.
        const live = await checkpointsForUpdate(tx, liveIds);
        await haltRebuildReaching(live.map((position) => position ?? LOG_START));
        const rebuilt = await checkpointsForUpdate(tx, rebuiltIds);
        const unbuilt = rebuiltIds.find((_, index) => rebuilt[index] === null);
        if (unbuilt !== undefined) throw new Error(`Rebuild "${unbuilt}" has no checkpoint to switch to`);
        const serving = await servingSchema(tx);
        await tx.query("SELECT set_config('lock_timeout', $1, true)", [SWITCH_LOCK_TIMEOUT]);
        const sequences = (await Promise.all(tables.map(tableIdentifier).map((table) => serialSequencesOf(tx, serving, table)))).flat();
        await tx.executeScript(
          [
            // A sequence can only belong to a table of its schema: it is let go while the tables move, then passes to the copy.
            ...sequences.map(({ sequence }) => `ALTER SEQUENCE ${sequence} OWNED BY NONE;`),
            `CREATE SCHEMA ${retired};`,
            ...tables.map(tableIdentifier).map((table) => `ALTER TABLE ${serving}.${table} SET SCHEMA ${retired};`),
            ...tables.map(tableIdentifier).map((table) => `ALTER TABLE ${building}.${table} SET SCHEMA ${serving};`),
            ...sequences.map(({ sequence, column }) => `ALTER SEQUENCE ${sequence} OWNED BY ${column};`),
          ].join(' '),
        );
        await tx.query(
          `INSERT INTO es_subscriptions (subscription_id, transaction_id, global_position)
           SELECT pair.live, rebuilt.transaction_id, rebuilt.global_position
           FROM unnest($1::text[], $2::text[]) AS pair (live, rebuilt) JOIN es_subscriptions rebuilt ON rebuilt.subscription_id = pair.rebuilt
           ON CONFLICT (subscription_id) DO UPDATE SET transaction_id = excluded.transaction_id, global_position = excluded.global_position,
             state = 'active', last_error = NULL, updated_at = now()`,
          [liveIds, rebuiltIds],
        );
        // The parked events of the serving model described tables that are gone; the rebuild's describe the new ones.
        await tx.query('DELETE FROM es_parked_events WHERE subscription_id = ANY($1::text[])', [liveIds]);
        await tx.query(
          `UPDATE es_parked_events parked SET subscription_id = pair.live
           FROM unnest($1::text[], $2::text[]) AS pair (live, rebuilt) WHERE parked.subscription_id = pair.rebuilt`,
          [liveIds, rebuiltIds],
        );
        await tx.query('DELETE FROM es_subscriptions WHERE subscription_id = ANY($1::text[])', [rebuiltIds]);
        return rebuilt as LogPosition[];
      }),
    );
  }

  async discard(rebuildId: string): Promise<void> {
    const { building, retired } = schemasOf(rebuildId);
    await translatingDriverErrors(() =>
      this.client.transaction(async (tx) => {
        await forgetCheckpoints(tx, rebuildId);
        await tx.executeScript(`DROP SCHEMA IF EXISTS ${retired} CASCADE; DROP SCHEMA IF EXISTS ${building} CASCADE;`);
      }),
    );
  }

  async isRunning(checkpointIds: readonly string[]): Promise<boolean> {
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<{ running: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1::integer::oid
           AND objid IN (SELECT hashtext(checkpoint_id)::oid FROM unnest($2::text[]) AS checkpoint_id) AND objsubid = 2) AS running`,
        [LEASE_LOCK_NAMESPACE, checkpointIds],
      ),
    );
    return rows[0]?.running ?? false;
  }
}

export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Quoted names of the rebuild's two schemas: the copies being built, and the tables they replace once switched. */
function schemasOf(rebuildId: string): Readonly<{ building: string; retired: string }> {
  // Identifiers hold 63 bytes; subscription ids are ASCII, so the prefix and 50 characters fit.
  const name = rebuildId.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 50);
  return { building: quoteIdentifier(`rebuild_${name}`), retired: quoteIdentifier(`retired_${name}`) };
}

function unquoted(identifier: string): string {
  return identifier.slice(1, -1).replaceAll('""', '"');
}

function tableIdentifier(table: string): string {
  if (!TABLE_NAME.test(table)) throw new Error(`Not a plain table name: ${JSON.stringify(table)}`);
  return quoteIdentifier(table);
}

/** The schema unqualified names resolve to first: where the application's tables are. */
async function servingSchema(tx: SqlExecutor): Promise<string> {
  const { rows } = await tx.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  if (!rows[0]?.schema) throw new Error('No current schema: the search path names no schema that exists');
  return quoteIdentifier(rows[0].schema);
}

/** Forgets the rebuild's checkpoints: its own id's and its partitions' (`<id>/partition-...`), whatever their count was. */
async function forgetCheckpoints(tx: SqlExecutor, rebuildId: string): Promise<void> {
  const ofTheRebuild = "subscription_id = $1 OR starts_with(subscription_id, $1 || '/')";
  await tx.query(`DELETE FROM es_parked_events WHERE ${ofTheRebuild}`, [rebuildId]);
  await tx.query(`DELETE FROM es_subscriptions WHERE ${ofTheRebuild}`, [rebuildId]);
}

/** Locks the checkpoint rows, in id order as every switch does; returns their positions in the order asked, null where none is stored. */
async function checkpointsForUpdate(tx: SqlExecutor, checkpointIds: readonly string[]): Promise<(LogPosition | null)[]> {
  const { rows } = await tx.query<LogPositionRow & { subscription_id: string }>(
    `SELECT subscription_id, transaction_id::text AS transaction_id, global_position::text AS global_position
     FROM es_subscriptions WHERE subscription_id = ANY($1::text[]) ORDER BY subscription_id FOR UPDATE`,
    [checkpointIds],
  );
  const byId = new Map(rows.map((row) => [row.subscription_id, toLogPosition(row)]));
  return checkpointIds.map((checkpointId) => byId.get(checkpointId) ?? null);
}

/**
 * `LIKE ... INCLUDING ALL` keeps a serial column's default on the serving table's sequence, so rows
 * the rebuild writes get numbers past every number handed out before, as in a rebuild in place, and
 * a reader's cursor never sees a number again. The sequence belongs to the serving table, which
 * would take it along when moved away and dropped: the switch gives it to the copy. Returns each
 * with the column that will own it, both qualified.
 */
async function serialSequencesOf(tx: SqlExecutor, serving: string, table: string): Promise<{ sequence: string; column: string }[]> {
  const { rows } = await tx.query<{ column_name: string; sequence_name: string }>(
    `SELECT a.attname AS column_name, s.relname AS sequence_name
     FROM pg_depend d
     JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
     WHERE d.refobjid = $1::regclass AND d.deptype = 'a' AND a.attidentity = ''`,
    [`${serving}.${table}`],
  );
  return rows.map(({ column_name: column, sequence_name: sequence }) => ({
    sequence: `${serving}.${quoteIdentifier(sequence)}`,
    column: `${serving}.${table}.${quoteIdentifier(column)}`,
  }));
}
