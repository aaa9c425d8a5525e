import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateEventStore, pgSqlClient } from '@coderscamp/event-sourcing/postgres';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_MODEL_MIGRATIONS_DIRECTORY, runReadModelMigrations } from '../../../shared/database/read-model-migration.runner';
import { USER_EVENT_FEED_SUBSCRIPTION_ID } from './user-event-feed.projection';

const RETIRED_ID = 'UserEventFeed_ReadModel_v1';
const MIGRATION_THAT_FORGETS_IT = '0007_forget_retired_user_event_feed_checkpoint.sql';

describe('the user event feed subscription id retired by ADR 0013', () => {
  let database: TestDatabase;
  let migrationsBefore: string;
  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'retired_subscription' });
    migrationsBefore = await mkdtemp(join(tmpdir(), 'migrations-before-'));
    await cp(READ_MODEL_MIGRATIONS_DIRECTORY, migrationsBefore, {
      recursive: true,
      filter: (source) => !source.endsWith(MIGRATION_THAT_FORGETS_IT),
    });
  });
  afterAll(async () => {
    await database.drop();
    await rm(migrationsBefore, { recursive: true, force: true });
  });

  it('given a database the previous version ran on, when the migrations run, then only the new id keeps a checkpoint and parked events', async () => {
    const sqlClient = pgSqlClient(database.pool);
    await migrateEventStore(sqlClient);
    await runReadModelMigrations(sqlClient, migrationsBefore);
    for (const id of [RETIRED_ID, USER_EVENT_FEED_SUBSCRIPTION_ID]) {
      await sqlClient.query('INSERT INTO es_subscriptions (subscription_id) VALUES ($1)', [id]);
      await sqlClient.query(
        `INSERT INTO es_parked_events (subscription_id, event_id, global_position, transaction_id, stream_name, event_type, error, attempts)
         VALUES ($1, gen_random_uuid(), 1, pg_current_xact_id(), 'UserRegistration_u1', 'UserProfileWasChanged', 'failed', 3)`,
        [id],
      );
    }

    expect(await runReadModelMigrations(sqlClient)).toEqual([MIGRATION_THAT_FORGETS_IT]);

    const remaining = async (table: string) => (await sqlClient.query<{ subscription_id: string }>(`SELECT subscription_id FROM ${table}`)).rows;
    expect(await remaining('es_subscriptions')).toEqual([{ subscription_id: 'UserEventFeedReadModel_v1' }]);
    expect(await remaining('es_parked_events')).toEqual([{ subscription_id: 'UserEventFeedReadModel_v1' }]);
  });
});
