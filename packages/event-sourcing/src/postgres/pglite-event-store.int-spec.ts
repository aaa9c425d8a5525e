import { PGlite } from '@electric-sql/pglite';
import { eventStoreContract } from '../testing/event-store-contract';
import { migrateEventStore } from './migrations';
import { pgliteSqlClient } from './pglite-sql-client';
import { PostgresEventStore } from './postgres-event-store';

eventStoreContract('PGlite', async () => {
  const db = new PGlite();
  const client = pgliteSqlClient(db);
  await migrateEventStore(client);
  const store = new PostgresEventStore(client);
  return {
    store,
    dispose: async () => {
      await store.close();
      await db.close();
    },
  };
});
