import type { PGlite } from '@electric-sql/pglite';
import { pgliteSqlClient, pgSqlClient, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';

/** Injection token of the app's one database connection (`DatabaseConnection`). */
export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

/** Injection token of the `SqlClient` over that connection. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');

/** Both speak PostgreSQL; they differ in how connections and transactions are obtained. */
export type DatabaseConnection = Readonly<{ kind: 'postgres'; pool: Pool }> | Readonly<{ kind: 'pglite'; db: PGlite }>;

/** The SDK's view of the same connection: what the event store, subscriptions and migrations run on. */
export function sqlClientOf(connection: DatabaseConnection): SqlClient {
  return connection.kind === 'postgres' ? pgSqlClient(connection.pool) : pgliteSqlClient(connection.db);
}
