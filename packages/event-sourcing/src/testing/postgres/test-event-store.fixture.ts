import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EventStore } from '../../core/event-store';
import type { DomainEvent } from '../../core/events';
import { PersonalDataEventStore } from '../../personal-data/personal-data-event-store';
import { personalData } from '../../personal-data/personal-data-declaration';
import { migrateEventStore } from '../../postgres/migrations';
import { pgSqlClient } from '../../postgres/pg-sql-client';
import { pgliteSqlClient } from '../../postgres/pglite-sql-client';
import { PostgresEventStore } from '../../postgres/postgres-event-store';
import { PostgresSubjectKeyStore } from '../../postgres/postgres-subject-key-store';
import { PostgresSubscriptionStore } from '../../postgres/postgres-subscription-store';
import type { SqlClient, SqlExecutor } from '../../postgres/sql-client';
import { UpcastingEventStore } from '../../schema-evolution/upcasting-event-store';
import type { EventsSubscription } from '../../subscriptions/events-subscription';
import { createTestDatabase, type TestDatabase } from './test-database';

// A fixture, not published: it needs PGlite, which the SDK leaves to the applications that embed it, and vitest's hooks.

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

/** What `postgresEventStorePerDescribe` gives a describe's tests, once its `beforeAll` has made it. */
export type PostgresEventStoreOfDescribe = Readonly<{
  database: TestDatabase;
  client: SqlClient;
  eventStore: PostgresEventStore;
  keys: PostgresSubjectKeyStore;
  subscriptionStore: PostgresSubscriptionStore;
  /** The subscriptions a test starts: each is stopped after that test, so none keeps polling into the next. */
  running: EventsSubscription<SqlExecutor>[];
}>;

/**
 * For the enclosing describe: before its tests, `postgresTestEventStore()` with a subject key store and
 * a subscription store over the same client (neither connects before it is used); after each test,
 * stops what it put in `running`; after all, closes both stores, then disposes of the event store.
 * Hooks the describe registers later run after these have made everything and before they close it.
 */
export function postgresEventStorePerDescribe(): PostgresEventStoreOfDescribe {
  let made: Readonly<{ postgres: PostgresTestEventStore; keys: PostgresSubjectKeyStore; subscriptionStore: PostgresSubscriptionStore }> | undefined;
  const running: EventsSubscription<SqlExecutor>[] = [];

  beforeAll(async () => {
    const postgres = await postgresTestEventStore();
    made = { postgres, keys: new PostgresSubjectKeyStore(postgres.client), subscriptionStore: new PostgresSubscriptionStore(postgres.client) };
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });
  afterAll(async () => {
    await made?.keys.close();
    await made?.subscriptionStore.close();
    await made?.postgres.dispose();
  });

  const madeOrThrow = () => {
    if (made === undefined) throw new Error(`The event store is made in the describe's beforeAll: use it in a hook or test`);
    return made;
  };
  return {
    running,
    get database() {
      return madeOrThrow().postgres.database;
    },
    get client() {
      return madeOrThrow().postgres.client;
    },
    get eventStore() {
      return madeOrThrow().postgres.store;
    },
    get keys() {
      return madeOrThrow().keys;
    },
    get subscriptionStore() {
      return madeOrThrow().subscriptionStore;
    },
  };
}

/** A note of a user's, whose `text` is their personal data; version 2 added `pinned`. */
export type NotedV1 = DomainEvent<'Noted', { userId: string; text: string }>;
type Noted = DomainEvent<'Noted', { userId: string; text: string; pinned: boolean }>;

/**
 * `store` under both decorators, as an application stacks them: each user's `Noted` text encrypted
 * with their key in `keys`, and version 1 notes read as version 2, not pinned.
 */
export function notesThroughBothDecorators(store: EventStore, keys: PostgresSubjectKeyStore): UpcastingEventStore {
  return new UpcastingEventStore(
    new PersonalDataEventStore(store, {
      declarations: [personalData<NotedV1>('Noted', { subjectOf: (event) => event.data.userId, fields: ['text'] })],
      keys,
    }),
    [{ eventType: 'Noted', fromVersion: 1, upcast: (data: NotedV1['data']): Noted['data'] => ({ ...data, pinned: false }) }],
  );
}
