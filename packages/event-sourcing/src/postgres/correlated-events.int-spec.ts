import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readByCorrelationId } from '../core/correlated-events';
import type { DomainEvent, EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { ERASED } from '../personal-data/erased';
import { PersonalDataEventStore } from '../personal-data/personal-data-event-store';
import { personalData } from '../personal-data/personal-data-declaration';
import { UpcastingEventStore } from '../schema-evolution/upcasting-event-store';
import type { TestDatabase } from '../testing/postgres/test-database';
import { postgresTestEventStore, type PostgresTestEventStore } from '../testing/postgres/test-event-store.fixture';
import { READ_BY_CORRELATION_ID } from './event-store-statements';
import type { PostgresEventStore } from './postgres-event-store';
import { PostgresSubjectKeyStore } from './postgres-subject-key-store';

type NotedV1 = DomainEvent<'Noted', { userId: string; text: string }>;
type Noted = DomainEvent<'Noted', { userId: string; text: string; pinned: boolean }>;

function noted(correlationId: string, text: string, schemaVersion?: number): EventToAppend<NotedV1> {
  return {
    type: 'Noted',
    data: { userId: 'u-1', text },
    id: randomUUID(),
    metadata: { correlationId, causationId: randomUUID() },
    occurredAt: new Date(),
    ...(schemaVersion === undefined ? {} : { schemaVersion }),
  };
}

describe('reading events by correlation id on PostgreSQL', () => {
  let fixture: PostgresTestEventStore;
  let database: TestDatabase;
  let postgres: PostgresEventStore;
  let keys: PostgresSubjectKeyStore;

  beforeAll(async () => {
    fixture = await postgresTestEventStore();
    ({ database, store: postgres } = fixture);
    keys = new PostgresSubjectKeyStore(fixture.client);
  });
  afterAll(async () => {
    await keys.close();
    await fixture.dispose();
  });

  it('given events of two correlations over several streams, then only those of the asked one come back, in global position order, and none for an unknown id', async () => {
    const correlationId = randomUUID();
    await postgres.appendToStream(StreamName.of('Note', randomUUID()), [noted(correlationId, 'first'), noted(randomUUID(), 'other')], { expectedVersion: ANY });
    await postgres.appendToStream(StreamName.of('Note', randomUUID()), [noted(correlationId, 'second')], { expectedVersion: ANY });

    const events = await postgres.readByCorrelationId(correlationId);

    expect(events.map((event) => (event.data as NotedV1['data']).text)).toEqual(['first', 'second']);
    expect(events[0]!.globalPosition < events[1]!.globalPosition).toBe(true);
    expect(events[0]).toMatchObject({ type: 'Noted', streamVersion: 1, metadata: { correlationId }, schemaVersion: 1 });
    expect(await postgres.readByCorrelationId(randomUUID())).toEqual([]);
  });

  it('given a correlation whose positions grow a digit (9 → 10, 99 → 100, …), then its events still come back in numeric position order', async () => {
    const correlationId = randomUUID();
    const { lastGlobalPosition } = await postgres.appendToStream(StreamName.of('Note', randomUUID()), [noted(correlationId, '0')], { expectedVersion: ANY });
    const nextPowerOfTen = 10n ** BigInt(lastGlobalPosition.toString().length);
    const rest = Array.from({ length: Number(nextPowerOfTen - lastGlobalPosition) }, (_, index) => noted(correlationId, String(index + 1)));
    await postgres.appendToStream(StreamName.of('Note', randomUUID()), rest, { expectedVersion: ANY });

    const positions = (await postgres.readByCorrelationId(correlationId)).map((event) => event.globalPosition);

    expect(positions).toHaveLength(rest.length + 1);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('given both decorators over the store, then the events come back decrypted and lifted, and the row holds ciphertext', async () => {
    const store = new UpcastingEventStore(
      new PersonalDataEventStore(postgres, {
        declarations: [personalData<NotedV1>('Noted', { subjectOf: (event) => event.data.userId, fields: ['text'] })],
        keys,
      }),
      [{ eventType: 'Noted', fromVersion: 1, upcast: (data: NotedV1['data']): Noted['data'] => ({ ...data, pinned: false }) }],
    );
    const correlationId = randomUUID();
    const written = noted(correlationId, 'private', 1);
    await store.appendToStream(StreamName.of('Note', randomUUID()), [written], { expectedVersion: ANY });

    const events = await readByCorrelationId(store, correlationId);
    const stored = await database.pool.query<{ data: { text: unknown } }>('SELECT data FROM es_events WHERE event_id = $1', [written.id]);

    expect(events.map((event) => event.data)).toEqual([{ userId: 'u-1', text: 'private', pinned: false }]);
    expect(stored.rows[0]!.data.text).not.toBe('private');
    await keys.erase('u-1');
    expect((await readByCorrelationId(store, correlationId)).map((event) => event.data)).toEqual([{ userId: 'u-1', text: ERASED, pinned: false }]);
  });

  it('the look-up is served by the correlation index', async () => {
    const connection = await database.pool.connect();
    try {
      // With sequential scans priced out, a plan without the index means the index cannot serve the statement.
      await connection.query('SET enable_seqscan = off');
      const { rows } = await connection.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${READ_BY_CORRELATION_ID.text}`, [randomUUID()]);
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('es_events_correlation_id');
    } finally {
      connection.release();
    }
  });
});
