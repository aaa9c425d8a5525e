import { randomBytes, randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DuplicateEventError } from '../core/errors';
import { type DomainEvent, type EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { ERASED } from '../personal-data/erased';
import { SubjectErasedError } from '../personal-data/errors';
import { PersonalDataEventStore } from '../personal-data/personal-data-event-store';
import { personalData } from '../personal-data/personal-data-declaration';
import { createTestDatabase, type TestDatabase } from '../testing/postgres/test-database';
import { erasePlaintextPersonalData } from './erase-plaintext-personal-data';
import { migrateEventStore } from './migrations';
import { pgSqlClient } from './pg-sql-client';
import { pgliteSqlClient } from './pglite-sql-client';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresSubjectKeyStore } from './postgres-subject-key-store';
import type { SqlClient } from './sql-client';

type UserRegistered = DomainEvent<'UserRegistered', { userId: string; email: string; name: string; role: string }>;
type UserRenamed = DomainEvent<'UserRenamed', { userId: string; name: string }>;
type UserEvent = UserRegistered | UserRenamed;

const DECLARATIONS = [
  personalData<UserRegistered>('UserRegistered', { subjectOf: (event) => event.data.userId, fields: ['email', 'name'] }),
  personalData<UserRenamed>('UserRenamed', { subjectOf: (event) => event.data.userId, fields: ['name'] }),
];

function event<E extends UserEvent | DomainEvent<'PersonalDataErased', { subject: string }>>(type: E['type'], data: E['data']): EventToAppend<E> {
  return { type, data, id: randomUUID(), metadata: { correlationId: randomUUID(), causationId: randomUUID() }, occurredAt: new Date() } as EventToAppend<E>;
}

const registered = (userId: string, email: string, name: string) => event<UserRegistered>('UserRegistered', { userId, email, name, role: 'user' });
const renamed = (userId: string, name: string) => event<UserRenamed>('UserRenamed', { userId, name });
const userStream = (userId: string) => StreamName.of('User', userId);

/** One process's view: its own pool, event store, key store and decorator over the shared database. */
type Process = Readonly<{ client: SqlClient; keys: PostgresSubjectKeyStore; store: PersonalDataEventStore; close(): Promise<void> }>;

function processOn(pool: Pool, options: { masterKey?: Buffer } = {}): Process {
  const client = pgSqlClient(pool);
  const eventStore = new PostgresEventStore(client);
  const keys = new PostgresSubjectKeyStore(client, options);
  const store = new PersonalDataEventStore(eventStore, { declarations: DECLARATIONS, keys });
  return {
    client,
    keys,
    store,
    close: async () => {
      await keys.close();
      await eventStore.close();
    },
  };
}

describe('personal data on PostgreSQL', () => {
  let database: TestDatabase;
  let otherPool: Pool;
  let processA: Process;
  let processB: Process;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 25 });
    otherPool = new Pool({ connectionString: database.url, max: 5 });
    // As the test database's own pool: a connection the server ends while the pool closes must not crash the runner.
    otherPool.on('error', () => undefined);
    await migrateEventStore(pgSqlClient(database.pool));
    processA = processOn(database.pool);
    processB = processOn(otherPool);
  });
  afterAll(async () => {
    await processA.close();
    await processB.close();
    await otherPool.end();
    await database.drop();
  });

  it('given 20 concurrent first appends for one subject from two processes, then one key is stored and every event decrypts', async () => {
    const subject = randomUUID();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? processA : processB).store.appendToStream(StreamName.of('Rename', randomUUID()), [renamed(subject, `name-${index}`)], {
          expectedVersion: ANY,
        }),
      ),
    );

    const { rows } = await database.pool.query('SELECT count(*)::integer AS keys FROM es_subject_keys WHERE subject = $1', [subject]);
    expect(rows[0].keys).toBe(1);
    // A process started afterwards, with a cold cache, reads every one of them.
    const restarted = processOn(database.pool);
    try {
      const { rows: positions } = await database.pool.query<{ stream_name: string }>(
        "SELECT stream_name FROM es_events WHERE type = 'UserRenamed' AND data->>'userId' = $1",
        [subject],
      );
      const names = await Promise.all(
        positions.map(async (row) => {
          const { events } = await restarted.store.readStream<UserRenamed>(StreamName.from(row.stream_name));
          return events[0]!.data.name;
        }),
      );
      expect(names.sort()).toEqual(Array.from({ length: 20 }, (_, index) => `name-${index}`).sort());
    } finally {
      await restarted.close();
    }
  });

  it('given a master key, then the table holds only wrapped keys, and a store without it or with another one refuses to read them', async () => {
    const masterKey = randomBytes(32);
    const wrapping = new PostgresSubjectKeyStore(pgSqlClient(database.pool), { masterKey });
    const subject = randomUUID();
    try {
      const key = await wrapping.keyFor(subject);

      const { rows } = await database.pool.query<{ key: Buffer; wrapped: boolean }>('SELECT key, wrapped FROM es_subject_keys WHERE subject = $1', [subject]);
      expect(rows[0]!.wrapped).toBe(true);
      expect(rows[0]!.key.indexOf(key)).toBe(-1);
      expect((await wrapping.existingKeys([subject])).get(subject)).toEqual(key);
      await expect(new PostgresSubjectKeyStore(pgSqlClient(database.pool)).existingKeys([subject])).rejects.toThrow(/wrapped with a master key/);
      await expect(new PostgresSubjectKeyStore(pgSqlClient(database.pool), { masterKey: randomBytes(32) }).keyFor(subject)).rejects.toThrow(
        /does not unwrap/,
      );
      expect(() => new PostgresSubjectKeyStore(pgSqlClient(database.pool), { masterKey: randomBytes(16) })).toThrow(/32 bytes/);
    } finally {
      await wrapping.close();
    }
  });

  it('given events read and their key cached by process B, when process A erases the subject, then B yields ERASED soon after and creates no new key', async () => {
    const subject = randomUUID();
    await processA.store.appendToStream(userStream(subject), [registered(subject, 'ann@example.com', 'Ann')], { expectedVersion: ANY });
    expect((await processB.store.readStream<UserEvent>(userStream(subject))).events[0]!.data).toMatchObject({ name: 'Ann' });

    await processA.store.eraseSubject(subject);

    await vi.waitFor(
      async () => expect((await processB.store.readStream<UserEvent>(userStream(subject))).events[0]!.data).toMatchObject({ email: ERASED, name: ERASED }),
      { timeout: 10_000, interval: 50 },
    );
    await expect(processB.keys.keyFor(subject)).rejects.toBeInstanceOf(SubjectErasedError);
    // Its new personal data is erased on arrival.
    await processB.store.appendToStream(userStream(subject), [renamed(subject, 'Anna')], { expectedVersion: ANY });
    expect((await processA.store.readStream<UserEvent>(userStream(subject))).events[1]!.data).toEqual({ userId: subject, name: ERASED });
  });

  it('given process B lost its erasure session, when a subject is erased unheard meanwhile, then B evicts the key once it listens again, from the recorded erasures', async () => {
    const subject = randomUUID();
    await processA.store.appendToStream(userStream(subject), [registered(subject, 'ann@example.com', 'Ann')], { expectedVersion: ANY });
    expect((await processB.store.readStream<UserEvent>(userStream(subject))).events[0]!.data).toMatchObject({ name: 'Ann' });

    // The key stores' listening sessions are the ones whose last statement is one of theirs.
    const { rows: terminated } = await database.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND (query LIKE '%now()::text AS now%' OR query LIKE '%FROM es_subject_keys WHERE erased_at%')`,
    );
    expect(terminated.length).toBeGreaterThanOrEqual(2);
    // An erasure whose NOTIFY no one hears: recorded in the table only.
    await database.pool.query('UPDATE es_subject_keys SET key = NULL, wrapped = false, erased_at = now() WHERE subject = $1', [subject]);

    await vi.waitFor(
      async () => expect((await processB.store.readStream<UserEvent>(userStream(subject))).events[0]!.data).toMatchObject({ name: ERASED }),
      { timeout: 15_000, interval: 100 },
    );
  });

  describe('erasePlaintextPersonalData', () => {
    /** Appended straight to the event store, as before personal data was declared. */
    async function appendPlaintext(userId: string, email: string, name: string): Promise<void> {
      const bare = new PostgresEventStore(pgSqlClient(database.pool));
      await bare.appendToStream(userStream(userId), [registered(userId, email, name), renamed(userId, `${name} Renamed`)], { expectedVersion: ANY });
      await bare.close();
    }

    type RawRow = { global_position: string; event_id: string; type: string; data: Record<string, unknown>; metadata: unknown; occurred_at: Date; stream_name: string; xmin: string };

    async function rawRowsOf(userId: string): Promise<RawRow[]> {
      const { rows } = await database.pool.query<RawRow>(
        "SELECT global_position::text, event_id, type, data, metadata, occurred_at, stream_name, xmin::text FROM es_events WHERE data->>'userId' = $1 ORDER BY global_position",
        [userId],
      );
      return rows;
    }

    it('given plaintext events of the subject and of others, then exactly its declared plaintext fields become ERASED and the erasure event is appended in the same transaction', async () => {
      const [ann, bob] = [randomUUID(), randomUUID()];
      await appendPlaintext(ann, 'ann.plain@example.com', 'Ann Plain');
      await appendPlaintext(bob, 'bob.plain@example.com', 'Bob Plain');
      // Ann's later events are encrypted already: the rewrite leaves them as they are.
      await processA.store.appendToStream(userStream(ann), [renamed(ann, 'Ann Encrypted')], { expectedVersion: ANY });
      const [annBefore, bobBefore] = [await rawRowsOf(ann), await rawRowsOf(bob)];
      const erasure = event('PersonalDataErased', { subject: ann });

      const result = await erasePlaintextPersonalData(processA.client, {
        declarations: DECLARATIONS,
        subject: ann,
        erasureEvent: erasure,
        erasureStream: StreamName.of('PersonalDataErasure', ann),
      });

      expect(result).toEqual({ rewrittenEvents: 2 });
      const annAfter = await rawRowsOf(ann);
      expect(annAfter.map((row) => row.data)).toEqual([
        { userId: ann, email: ERASED, name: ERASED, role: 'user' },
        { userId: ann, name: ERASED },
        annBefore[2]!.data,
      ]);
      // Nothing but the declared fields changed: envelope columns, other fields, other subjects.
      const envelope = ({ data: _data, xmin: _xmin, ...rest }: RawRow) => rest;
      expect(annAfter.slice(0, 3).map(envelope)).toEqual(annBefore.map(envelope));
      expect(await rawRowsOf(bob)).toEqual(bobBefore);
      // The rewritten rows and the erasure event come from one transaction.
      const { rows: erasureRows } = await database.pool.query<{ xid: string; type: string }>(
        "SELECT (transaction_id::text::numeric % 4294967296)::text AS xid, type FROM es_events WHERE event_id = $1",
        [erasure.id],
      );
      expect(erasureRows).toEqual([{ xid: annAfter[0]!.xmin, type: 'PersonalDataErased' }]);
      expect(annAfter[1]!.xmin).toBe(annAfter[0]!.xmin);
      // The whole table, scanned: none of Ann's plaintext is left, Bob's still is.
      const { rows: scan } = await database.pool.query<{ ann: number; bob: number }>(
        "SELECT count(*) FILTER (WHERE data::text LIKE '%Ann Plain%' OR data::text LIKE '%ann.plain@%')::integer AS ann, count(*) FILTER (WHERE data::text LIKE '%bob.plain@%')::integer AS bob FROM es_events",
      );
      expect(scan[0]).toEqual({ ann: 0, bob: 1 });
      // Reads through the decorator see the markers, and still decrypt the encrypted event.
      const { events } = await processB.store.readStream<UserEvent>(userStream(ann));
      expect(events.map((stored) => stored.data.name)).toEqual([ERASED, ERASED, 'Ann Encrypted']);
    });

    it('given an erasure event that cannot be appended (its id is taken), then nothing is rewritten: the transaction rolls back', async () => {
      const carol = randomUUID();
      await appendPlaintext(carol, 'carol.plain@example.com', 'Carol Plain');
      const before = await rawRowsOf(carol);
      const taken = { ...event('PersonalDataErased', { subject: carol }), id: before[0]!.event_id };

      await expect(
        erasePlaintextPersonalData(processA.client, {
          declarations: DECLARATIONS,
          subject: carol,
          erasureEvent: taken,
          erasureStream: StreamName.of('PersonalDataErasure', carol),
        }),
      ).rejects.toBeInstanceOf(DuplicateEventError);

      expect(await rawRowsOf(carol)).toEqual(before);
    });

    it('given a subject with no plaintext left, then it rewrites nothing and still records the erasure', async () => {
      const dan = randomUUID();
      const erasure = event('PersonalDataErased', { subject: dan });
      const result = await erasePlaintextPersonalData(processA.client, {
        declarations: DECLARATIONS,
        subject: dan,
        erasureEvent: erasure,
        erasureStream: StreamName.of('PersonalDataErasure', dan),
      });
      expect(result).toEqual({ rewrittenEvents: 0 });
      const { rowCount } = await database.pool.query('SELECT 1 FROM es_events WHERE event_id = $1', [erasure.id]);
      expect(rowCount).toBe(1);
    });
  });
});

describe('personal data on PGlite', () => {
  it('given the embedded database, then keys are created once, wrapped, read back, and erased with the listener told; the plaintext rewrite works there too', async () => {
    const db = new PGlite();
    const client = pgliteSqlClient(db);
    await migrateEventStore(client);
    const eventStore = new PostgresEventStore(client);
    const keys = new PostgresSubjectKeyStore(client, { masterKey: randomBytes(32) });
    const store = new PersonalDataEventStore(eventStore, { declarations: DECLARATIONS, keys });
    const erased: string[] = [];
    keys.onErased((subject) => erased.push(subject));
    try {
      await store.appendToStream(userStream('u1'), [registered('u1', 'ann@example.com', 'Ann')], { expectedVersion: ANY });
      const [first, second] = await Promise.all([keys.keyFor('u1'), keys.keyFor('u1')]);
      expect(second).toEqual(first);
      expect((await store.readStream<UserEvent>(userStream('u1'))).events[0]!.data).toMatchObject({ email: 'ann@example.com' });

      await store.eraseSubject('u1');

      expect((await store.readStream<UserEvent>(userStream('u1'))).events[0]!.data).toMatchObject({ email: ERASED, name: ERASED });
      await vi.waitFor(() => expect(erased).toContain('u1'));
      expect((await keys.existingKeys(['u1'])).size).toBe(0);

      await eventStore.appendToStream(userStream('u2'), [registered('u2', 'bob@example.com', 'Bob')], { expectedVersion: ANY });
      const rewrite = await erasePlaintextPersonalData(client, {
        declarations: DECLARATIONS,
        subject: 'u2',
        erasureEvent: event('PersonalDataErased', { subject: 'u2' }),
        erasureStream: StreamName.of('PersonalDataErasure', 'u2'),
      });
      expect(rewrite).toEqual({ rewrittenEvents: 1 });
      expect((await eventStore.readStream(userStream('u2'))).events[0]!.data).toEqual({ userId: 'u2', email: ERASED, name: ERASED, role: 'user' });
    } finally {
      await keys.close();
      await eventStore.close();
      await db.close();
    }
  });
});
