import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readByCorrelationId } from '../core/correlated-events';
import type { EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { ERASED } from '../personal-data/erased';
import { notesThroughBothDecorators, postgresEventStorePerDescribe, type NotedV1 } from '../testing/postgres/test-event-store.fixture';
import { READ_BY_CORRELATION_ID } from './event-store-statements';

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
  const postgres = postgresEventStorePerDescribe();

  it('given events of two correlations over several streams, then only those of the asked one come back, in global position order, and none for an unknown id', async () => {
    const correlationId = randomUUID();
    await postgres.eventStore.appendToStream(StreamName.of('Note', randomUUID()), [noted(correlationId, 'first'), noted(randomUUID(), 'other')], { expectedVersion: ANY });
    await postgres.eventStore.appendToStream(StreamName.of('Note', randomUUID()), [noted(correlationId, 'second')], { expectedVersion: ANY });

    const events = await postgres.eventStore.readByCorrelationId(correlationId);

    expect(events.map((event) => (event.data as NotedV1['data']).text)).toEqual(['first', 'second']);
    expect(events[0]!.globalPosition < events[1]!.globalPosition).toBe(true);
    expect(events[0]).toMatchObject({ type: 'Noted', streamVersion: 1, metadata: { correlationId }, schemaVersion: 1 });
    expect(await postgres.eventStore.readByCorrelationId(randomUUID())).toEqual([]);
  });

  it('given a correlation whose positions grow a digit (9 → 10, 99 → 100, …), then its events still come back in numeric position order', async () => {
    const correlationId = randomUUID();
    const { lastGlobalPosition } = await postgres.eventStore.appendToStream(StreamName.of('Note', randomUUID()), [noted(correlationId, '0')], { expectedVersion: ANY });
    const nextPowerOfTen = 10n ** BigInt(lastGlobalPosition.toString().length);
    const rest = Array.from({ length: Number(nextPowerOfTen - lastGlobalPosition) }, (_, index) => noted(correlationId, String(index + 1)));
    await postgres.eventStore.appendToStream(StreamName.of('Note', randomUUID()), rest, { expectedVersion: ANY });

    const positions = (await postgres.eventStore.readByCorrelationId(correlationId)).map((event) => event.globalPosition);

    expect(positions).toHaveLength(rest.length + 1);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('given both decorators over the store, then the events come back decrypted and lifted, and the row holds ciphertext', async () => {
    const store = notesThroughBothDecorators(postgres.eventStore, postgres.keys);
    const correlationId = randomUUID();
    const written = noted(correlationId, 'private', 1);
    await store.appendToStream(StreamName.of('Note', randomUUID()), [written], { expectedVersion: ANY });

    const events = await readByCorrelationId(store, correlationId);
    const stored = await postgres.database.pool.query<{ data: { text: unknown } }>('SELECT data FROM es_events WHERE event_id = $1', [written.id]);

    expect(events.map((event) => event.data)).toEqual([{ userId: 'u-1', text: 'private', pinned: false }]);
    expect(stored.rows[0]!.data.text).not.toBe('private');
    await postgres.keys.erase('u-1');
    expect((await readByCorrelationId(store, correlationId)).map((event) => event.data)).toEqual([{ userId: 'u-1', text: ERASED, pinned: false }]);
  });

  it('the look-up is served by the correlation index', async () => {
    const connection = await postgres.database.pool.connect();
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
