import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient, SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { API_PACKAGE_DIRECTORY } from '../../package-directory';

/** drizzle-kit's output folder. */
export const READ_MODEL_MIGRATIONS_DIRECTORY = join(API_PACKAGE_DIRECTORY, 'drizzle');

const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

type Migration = Readonly<{ name: string; checksum: string; statements: readonly string[] }>;
type AppliedMigration = { name: string; checksum: string };

/**
 * Applies drizzle-kit's SQL files that have not been applied yet, in file-name order, in one
 * transaction. An advisory lock makes concurrently starting instances apply them only once.
 * Returns the names of the migrations it applied.
 */
export async function runReadModelMigrations(
  sqlClient: SqlClient,
  directory: string = READ_MODEL_MIGRATIONS_DIRECTORY,
): Promise<string[]> {
  const migrations = readMigrations(directory);
  return sqlClient.transaction(async (session) => {
    await session.query(`select pg_advisory_xact_lock(hashtext('read_model_migrations'))`);
    await session.query(
      `create table if not exists read_model_migrations (
         name text primary key,
         checksum text not null,
         applied_at timestamptz not null default now()
       )`,
    );
    const { rows: applied } = await session.query<AppliedMigration>('select name, checksum from read_model_migrations');
    const pending = migrations.filter((migration) => !isApplied(migration, applied));
    for (const migration of pending) await apply(session, migration);
    return pending.map(({ name }) => name);
  });
}

/**
 * Read synchronously: a few small files, once at start-up, with nothing else to do meanwhile. An
 * asynchronous read here once waited half a second behind the file writes of PGlite loading a
 * new data directory from a tarball (new data directories are copied now, before PGlite opens).
 */
function readMigrations(directory: string): Migration[] {
  const names = readdirSync(directory)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  return names.map((name) => {
    const sql = readFileSync(join(directory, name), 'utf8');
    return {
      name,
      checksum: createHash('sha256').update(sql).digest('hex'),
      statements: sql
        .split(STATEMENT_BREAKPOINT)
        .map((statement) => statement.trim())
        .filter((statement) => statement !== ''),
    };
  });
}

// An applied migration edited afterwards would leave databases that differ by install date.
function isApplied(migration: Migration, applied: readonly AppliedMigration[]): boolean {
  const record = applied.find(({ name }) => name === migration.name);
  if (record === undefined) return false;
  if (record.checksum !== migration.checksum) {
    throw new Error(`Read-model migration ${migration.name} was changed after it was applied; add a new migration instead`);
  }
  return true;
}

async function apply(session: SqlExecutor, migration: Migration): Promise<void> {
  for (const statement of migration.statements) await session.query(statement);
  await session.query('insert into read_model_migrations (name, checksum) values ($1, $2)', [
    migration.name,
    migration.checksum,
  ]);
}
