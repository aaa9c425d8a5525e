import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleOverNodePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleOverPglite } from 'drizzle-orm/pglite';
import type { DatabaseConnection } from './database-connection';

/** Injection token of the Drizzle instance read slices query their tables with. */
export const READ_MODEL_DATABASE = Symbol('READ_MODEL_DATABASE');

/** The Drizzle API common to both drivers, so read slices do not care which one runs. */
export type ReadModelDatabase = PgDatabase<PgQueryResultHKT>;

export function createReadModelDatabase(connection: DatabaseConnection): ReadModelDatabase {
  return connection.kind === 'postgres' ? drizzleOverNodePostgres(connection.pool) : drizzleOverPglite(connection.db);
}
