import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownSchemaVersionError } from '../core/errors';
import { NO_STREAM } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { migrateEventStore } from '../postgres/migrations';
import { pgSqlClient } from '../postgres/pg-sql-client';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { readAllSettled, settledEndOfLog } from '../testing/settled-log';
import { createTestDatabase, type TestDatabase } from '../testing/postgres/test-database';
import {
  ADA_V3,
  participantUpcasters,
  registered,
  type ParticipantRegistered,
  type ParticipantRegisteredV1,
  type ParticipantRegisteredV2,
} from './participant-registered.fixture';
import { UpcastingEventStore } from './upcasting-event-store';

describe('upcasting over the PostgreSQL event store', () => {
  let database: TestDatabase;
  let postgres: PostgresEventStore;
  let store: UpcastingEventStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    const client = pgSqlClient(database.pool);
    await migrateEventStore(client);
    postgres = new PostgresEventStore(client);
    store = new UpcastingEventStore(postgres, participantUpcasters().upcasters);
  });
  afterAll(async () => {
    await postgres.close();
    await database.drop();
  });

  const storedSchemaVersion = async (eventId: string) =>
    (await database.pool.query<{ schema_version: number }>('SELECT schema_version FROM es_events WHERE event_id = $1', [eventId])).rows[0]?.schema_version;

  it('given rows written before any upcaster (schema_version 1) and at v2, then readStream and readAll return them at v3', async () => {
    const start = await settledEndOfLog(postgres);
    const stream = StreamName.of('Participants', randomUUID());
    // What the releases before the upcasters wrote: no stated version, so the column's 1.
    const beforeUpcasters = registered<ParticipantRegisteredV1>({ name: 'Ada Lovelace' });
    await postgres.appendToStream(stream, [beforeUpcasters], { expectedVersion: NO_STREAM });
    await postgres.appendToStream(stream, [registered<ParticipantRegisteredV2>({ firstName: 'Ada', lastName: 'Lovelace' }, 2)], { expectedVersion: 1 });
    expect(await storedSchemaVersion(beforeUpcasters.id)).toBe(1);

    const { events } = await store.readStream<ParticipantRegistered>(stream);
    const logged = await readAllSettled(store, start);

    expect(events.map((event) => [event.data, event.schemaVersion])).toEqual([
      [ADA_V3, 3],
      [ADA_V3, 3],
    ]);
    expect(logged.map((event) => [event.streamName, event.data, event.schemaVersion])).toEqual([
      [stream.toString(), ADA_V3, 3],
      [stream.toString(), ADA_V3, 3],
    ]);
  });

  it('given an append, then its row stores schema_version 3', async () => {
    const appended = registered<ParticipantRegistered>(ADA_V3);

    await store.appendToStream(StreamName.of('Participants', randomUUID()), [appended], { expectedVersion: NO_STREAM });

    expect(await storedSchemaVersion(appended.id)).toBe(3);
  });

  it('given a row at schema_version 4, newer than the code knows, then reading it fails loudly', async () => {
    const stream = StreamName.of('Participants', randomUUID());
    await postgres.appendToStream(stream, [registered<ParticipantRegistered>(ADA_V3, 4)], { expectedVersion: NO_STREAM });

    await expect(store.readStream(stream)).rejects.toBeInstanceOf(UnknownSchemaVersionError);
  });
});
