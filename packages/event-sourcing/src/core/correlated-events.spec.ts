import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ERASED } from '../personal-data/erased';
import { PersonalDataEventStore } from '../personal-data/personal-data-event-store';
import { personalData } from '../personal-data/personal-data-declaration';
import { InMemorySubjectKeyStore } from '../personal-data/subject-key-store';
import { ADA_V3, participantUpcasters, registered, type ParticipantRegisteredV1 } from '../schema-evolution/participant-registered.fixture';
import { UpcastingEventStore } from '../schema-evolution/upcasting-event-store';
import { canReadByCorrelationId, CorrelationReadUnsupportedError, readByCorrelationId } from './correlated-events';
import type { EventStore } from './event-store';
import type { DomainEvent, EventToAppend } from './events';
import { ANY } from './expected-version';
import { InMemoryEventStore } from './in-memory-event-store';
import { StreamName } from './stream-name';

type Noted = DomainEvent<'Noted', { userId: string; note: string }>;

function noted(correlationId: string, note: string): EventToAppend<Noted> {
  return { type: 'Noted', data: { userId: 'u-1', note }, id: randomUUID(), metadata: { correlationId, causationId: randomUUID() }, occurredAt: new Date() };
}

/** A store with the port alone: the capability's method hidden on the instance. */
function portOnly(): EventStore {
  return Object.defineProperty(new InMemoryEventStore(), 'readByCorrelationId', { value: undefined });
}

describe('reading events by correlation id', () => {
  it('given events of two correlations over several streams, then only those of the asked one come back, in global position order', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream(StreamName.of('Note', 'a'), [noted('request-1', 'first'), noted('request-2', 'other')], { expectedVersion: ANY });
    await store.appendToStream(StreamName.of('Note', 'b'), [noted('request-1', 'second')], { expectedVersion: ANY });

    const events = await readByCorrelationId(store, 'request-1');

    expect(events.map((event) => [event.streamName, (event.data as Noted['data']).note, event.globalPosition])).toEqual([
      ['Note_a', 'first', 1n],
      ['Note_b', 'second', 3n],
    ]);
  });

  it('given an id no event carries, then none come back', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream(StreamName.of('Note', 'a'), [noted('request-1', 'first')], { expectedVersion: ANY });

    expect(await readByCorrelationId(store, 'request-unknown')).toEqual([]);
  });

  it('when a reader changes what it read, then the store is unchanged', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream(StreamName.of('Note', 'a'), [noted('request-1', 'first')], { expectedVersion: ANY });

    const [read] = await store.readByCorrelationId('request-1');
    (read!.data as { note: string }).note = 'changed';

    expect((await store.readByCorrelationId('request-1'))[0]!.data).toEqual({ userId: 'u-1', note: 'first' });
  });

  it('given the upcasting decorator, then events come back lifted to the newest shape', async () => {
    const store = new UpcastingEventStore(new InMemoryEventStore(), participantUpcasters().upcasters);
    // The fixture's events are all in correlation-1, as stored before the upcasters (version 1).
    await store.appendToStream(StreamName.of('Participants', 'p'), [registered<ParticipantRegisteredV1>({ name: 'Ada Lovelace' }, 1)], { expectedVersion: ANY });

    const events = await readByCorrelationId(store, 'correlation-1');

    expect(events.map((event) => [event.data, event.schemaVersion])).toEqual([[ADA_V3, 3]]);
  });

  it('given the personal-data decorator, then declared fields come back decrypted, and ERASED once the subject is erased', async () => {
    const store = new PersonalDataEventStore(new InMemoryEventStore(), {
      declarations: [personalData<Noted>('Noted', { subjectOf: (event) => event.data.userId, fields: ['note'] })],
      keys: new InMemorySubjectKeyStore(),
    });
    await store.appendToStream(StreamName.of('Note', 'a'), [noted('request-1', 'private')], { expectedVersion: ANY });

    const before = await readByCorrelationId(store, 'request-1');
    await store.eraseSubject('u-1');
    const after = await readByCorrelationId(store, 'request-1');

    expect(before.map((event) => event.data)).toEqual([{ userId: 'u-1', note: 'private' }]);
    expect(after.map((event) => event.data)).toEqual([{ userId: 'u-1', note: ERASED }]);
  });

  it('given a store without the capability, then it is told apart, and reading through it or a decorator over it fails with a stable code', async () => {
    const store = portOnly();
    const decorated = new UpcastingEventStore(store, []);

    expect(canReadByCorrelationId(store)).toBe(false);
    expect(canReadByCorrelationId(new InMemoryEventStore())).toBe(true);
    expect(() => readByCorrelationId(store, 'request-1')).toThrow(CorrelationReadUnsupportedError);
    await expect(decorated.readByCorrelationId('request-1')).rejects.toMatchObject({ code: 'CORRELATION_READ_UNSUPPORTED' });
  });
});
