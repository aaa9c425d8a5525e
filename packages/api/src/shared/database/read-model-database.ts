import { getTableName } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzleOverNodePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleOverPglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleOverProxy } from 'drizzle-orm/pg-proxy';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { DatabaseConnection } from './database-connection';

/** Injection token of the Drizzle instance read slices query their tables with. */
export const READ_MODEL_DATABASE = Symbol('READ_MODEL_DATABASE');

/** The Drizzle API common to both drivers, so read slices do not care which one runs. */
export type ReadModelDatabase = PgDatabase<PgQueryResultHKT>;

export function createReadModelDatabase(connection: DatabaseConnection): ReadModelDatabase {
  return connection.kind === 'postgres' ? drizzleOverNodePostgres(connection.pool) : drizzleOverPglite(connection.db);
}

/**
 * Drizzle over a subscription's transaction, so a projection writes its rows with the query
 * builder and still commits them together with its checkpoint.
 */
export function readModelDatabaseOver(tx: SqlExecutor): ReadModelDatabase {
  let database = databasesOverTransactions.get(tx);
  if (database === undefined) {
    database = drizzleOverProxy(async (sql, params, method) => {
      if (method === 'all') return { rows: (await tx.queryArrays(sql, params)).rows };
      const { rows } = await tx.query(sql, params);
      return { rows };
    }) as unknown as ReadModelDatabase;
    databasesOverTransactions.set(tx, database);
  }
  return database;
}

const databasesOverTransactions = new WeakMap<SqlExecutor, ReadModelDatabase>();

/** The names of a projection's tables, as `ownsTables` takes them: what a blue/green rebuild copies and switches. */
export function tableNamesOf(...tables: PgTable[]): string[] {
  return tables.map((table) => getTableName(table));
}
