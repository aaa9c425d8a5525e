import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventToAppend } from '../core/events';
import { ANY, NO_STREAM } from '../core/expected-version';
import { streamCatalogOf } from '../core/stream-catalog';
import { StreamName } from '../core/stream-name';
import { ERASED } from '../personal-data/erased';
import { databaseUrl, testServerUrl, withServerClient } from '../testing/postgres/test-database';
import { notesThroughBothDecorators, postgresEventStorePerDescribe, type NotedV1 } from '../testing/postgres/test-event-store.fixture';
import { LIST_CATEGORIES, LIST_STREAMS } from './event-store-statements';
import { migrateEventStore } from './migrations';
import { pgSqlClient } from './pg-sql-client';
import { PostgresEventStore } from './postgres-event-store';

function noted(userId: string, text: string): EventToAppend<NotedV1> {
  return { type: 'Noted', data: { userId, text }, id: randomUUID(), metadata: { correlationId: randomUUID(), causationId: randomUUID() }, occurredAt: new Date() };
}

describe('stream catalog on PostgreSQL', () => {
  const postgres = postgresEventStorePerDescribe();

  it('given both decorators over the store, then a page of a stream comes back decrypted and lifted while the rows hold ciphertext, and ERASED once the subject is erased', async () => {
    const store = notesThroughBothDecorators(postgres.eventStore, postgres.keys);
    const userId = randomUUID();
    const stream = StreamName.of('Note', userId);
    const written = { ...noted(userId, 'private'), schemaVersion: 1 };
    await store.appendToStream(stream, [written, { ...noted(userId, 'second'), schemaVersion: 1 }], { expectedVersion: ANY });

    const page = await streamCatalogOf(store).readStreamPage(stream, { afterVersion: 0, limit: 1 });
    const stored = await postgres.database.pool.query<{ data: { text: unknown } }>('SELECT data FROM es_events WHERE event_id = $1', [written.id]);

    expect(page.events.map((event) => [event.data, event.schemaVersion])).toEqual([[{ userId, text: 'private', pinned: false }, 2]]);
    expect(page.currentVersion).toBe(2);
    expect(JSON.stringify(stored.rows[0]!.data.text)).not.toContain('private');
    await postgres.keys.erase(userId);
    expect((await streamCatalogOf(store).readStreamPage(stream, { afterVersion: 0, limit: 5 })).events.map((event) => event.data)).toEqual([
      { userId, text: ERASED, pinned: false },
      { userId, text: ERASED, pinned: false },
    ]);
  });

  it('a page of streams is read along the catalog index: the keyset condition and the order, with no sort', async () => {
    const plan = await planOf(LIST_STREAMS, ['Note', 'Note_a', '', 50]);

    expect(plan).toContain('es_events_category_streams');
    expect(plan).not.toMatch(/\bSort\b/);
  });

  it('the categories are counted from the catalog index', async () => {
    expect(await planOf(LIST_CATEGORIES, [])).toContain('es_events_category_streams');
  });

  /** With sequential scans priced out, a plan without the index means the index cannot serve the statement. */
  async function planOf(text: string, params: unknown[]): Promise<string> {
    const connection = await postgres.database.pool.connect();
    try {
      await connection.query('SET enable_seqscan = off');
      const { rows } = await connection.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      connection.release();
    }
  }
});

describe('stream catalog on a database whose default collation is linguistic (ICU en-US)', () => {
  const name = `test_icu_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    await withServerClient(testServerUrl(), (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`));
    pool = new Pool({ connectionString: databaseUrl(testServerUrl(), name), max: 2 });
    await migrateEventStore(pgSqlClient(pool));
    store = new PostgresEventStore(pgSqlClient(pool));
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await withServerClient(testServerUrl(), (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('given names that sort otherwise in English (b, B, a-2, a1, _x), then categories and streams still come in code point order, as in memory', async () => {
    for (const category of ['beta', 'Alpha', 'Beta']) await store.appendToStream(StreamName.of(category, '1'), [noted('u', 'x')], { expectedVersion: NO_STREAM });
    for (const id of ['b', 'B', 'a-2', 'a1', '_x']) await store.appendToStream(StreamName.of('Alpha', `2${id}`), [noted('u', 'x')], { expectedVersion: NO_STREAM });

    const categories = (await store.listCategories()).map((category) => category.category);
    const firstPage = await store.listStreams({ category: 'Alpha', limit: 3 });
    const secondPage = await store.listStreams({ category: 'Alpha', limit: 3, after: firstPage.at(-1)!.streamName });

    expect(categories).toEqual(['Alpha', 'Beta', 'beta']);
    expect([...firstPage, ...secondPage].map((stream) => stream.streamName)).toEqual(['Alpha_1', 'Alpha_2B', 'Alpha_2_x', 'Alpha_2a-2', 'Alpha_2a1', 'Alpha_2b']);
  });
});
