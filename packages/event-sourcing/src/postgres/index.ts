export type { QueryOptions, SqlClient, SqlExecutor, SqlResult, SqlRow, SqlSession, TransactionOptions } from './sql-client';
export { pgSqlClient } from './pg-sql-client';
export { pgliteSqlClient } from './pglite-sql-client';
export { EVENT_STORE_MIGRATIONS, migrateEventStore, runSqlMigrations } from './migrations';
export type { MigrationSet, SqlMigration } from './migrations';
export { APPEND_CHANNEL, PostgresEventStore } from './postgres-event-store';
export { PostgresSubscriptionStore } from './postgres-subscription-store';
export type { PostgresSubscriptionStoreOptions } from './postgres-subscription-store';
export { isConnectionFailure } from './database-errors';
