import { PGlite } from '@electric-sql/pglite';
import { migrateEventStore } from '../../postgres/migrations';
import { pgSqlClient } from '../../postgres/pg-sql-client';
import { pgliteSqlClient } from '../../postgres/pglite-sql-client';
import { PostgresEventStore } from '../../postgres/postgres-event-store';
import type { SqlClient } from '../../postgres/sql-client';
import { createTestDatabase, type TestDatabase } from './test-database';

// A fixture, not published: it needs PGlite, which the SDK leaves to the applications that embed it.

export type TestEventStore = Readonly<{
  client: SqlClient;
  store: PostgresEventStore;
  /** Closes the store, then the database under it. */
  dispose(): Promise<void>;
}>;

export type PostgresTestEventStore = TestEventStore & Readonly<{ database: TestDatabase }>;

/** A migrated event store on a PostgreSQL database of its own, which `dispose` drops. */
export async function postgresTestEventStore(options: Readonly<{ poolSize?: number }> = {}): Promise<PostgresTestEventStore> {
  const database = await createTestDatabase(options);
  const { client, store } = await migratedStoreOver(pgSqlClient(database.pool));
  return {
    database,
    client,
    store,
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** A migrated event store on an in-memory PGlite database, which `dispose` closes. */
export async function pgliteTestEventStore(): Promise<TestEventStore> {
  const db = new PGlite();
  const { client, store } = await migratedStoreOver(pgliteSqlClient(db));
  return {
    client,
    store,
    dispose: async () => {
      await store.close();
      await db.close();
    },
  };
}

async function migratedStoreOver(client: SqlClient): Promise<Readonly<{ client: SqlClient; store: PostgresEventStore }>> {
  await migrateEventStore(client);
  return { client, store: new PostgresEventStore(client) };
}
