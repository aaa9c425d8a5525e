import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ERASED } from '../personal-data/erased';
import { PersonalDataEventStore } from '../personal-data/personal-data-event-store';
import { personalData } from '../personal-data/personal-data-declaration';
import { InMemorySubjectKeyStore } from '../personal-data/subject-key-store';
import { ADA_V3, participantUpcasters, registered, type ParticipantRegisteredV1 } from '../schema-evolution/participant-registered.fixture';
import { UpcastingEventStore } from '../schema-evolution/upcasting-event-store';
import type { EventStore } from './event-store';
import type { DomainEvent, EventToAppend } from './events';
import { ANY } from './expected-version';
import { InMemoryEventStore } from './in-memory-event-store';
import { compareByCodePoint, hasStreamCatalog, streamCatalogOf, StreamCatalogUnsupportedError, streamIdMatches } from './stream-catalog';
import { StreamName } from './stream-name';

type Noted = DomainEvent<'Noted', { userId: string; note: string }>;

function noted(note: string): EventToAppend<Noted> {
  return { type: 'Noted', data: { userId: 'u-1', note }, id: randomUUID(), metadata: { correlationId: 'request-1', causationId: randomUUID() }, occurredAt: new Date() };
}

/** A store with the port alone: the capability's methods hidden on the instance. */
function portOnly(): EventStore {
  return Object.defineProperty(new InMemoryEventStore(), 'listStreams', { value: undefined });
}

describe('stream catalog', () => {
  it('given the upcasting decorator, then a page of a stream comes back lifted to the newest shape, and the listings pass through', async () => {
    const store = new UpcastingEventStore(new InMemoryEventStore(), participantUpcasters().upcasters);
    const stream = StreamName.of('Participants', 'p');
    await store.appendToStream(stream, [registered<ParticipantRegisteredV1>({ name: 'Ada Lovelace' }, 1)], { expectedVersion: ANY });

    const page = await streamCatalogOf(store).readStreamPage(stream, { afterVersion: 0, limit: 10 });

    expect(page.events.map((event) => [event.data, event.schemaVersion])).toEqual([[ADA_V3, 3]]);
    expect(await streamCatalogOf(store).listCategories()).toEqual([{ category: 'Participants', streams: 1, events: 1 }]);
    expect((await streamCatalogOf(store).listStreams({ category: 'Participants', limit: 10 })).map((summary) => summary.streamName)).toEqual(['Participants_p']);
  });

  it('given the personal-data decorator, then a page of a stream comes back decrypted, and ERASED once the subject is erased', async () => {
    const inner = new InMemoryEventStore();
    const store = new PersonalDataEventStore(inner, {
      declarations: [personalData<Noted>('Noted', { subjectOf: (event) => event.data.userId, fields: ['note'] })],
      keys: new InMemorySubjectKeyStore(),
    });
    const stream = StreamName.of('Note', 'a');
    await store.appendToStream(stream, [noted('private'), noted('secret')], { expectedVersion: ANY });

    const before = await streamCatalogOf(store).readStreamPage(stream, { afterVersion: 1, limit: 10 });
    const stored = await inner.readStreamPage(stream, { afterVersion: 1, limit: 10 });
    await store.eraseSubject('u-1');
    const after = await streamCatalogOf(store).readStreamPage(stream, { afterVersion: 0, limit: 10 });

    expect(before).toMatchObject({ events: [{ data: { userId: 'u-1', note: 'secret' } }], currentVersion: 2 });
    expect((stored.events[0]!.data as Record<string, unknown>).note).not.toBe('secret');
    expect(after.events.map((event) => event.data)).toEqual([
      { userId: 'u-1', note: ERASED },
      { userId: 'u-1', note: ERASED },
    ]);
  });

  it('given a store without the capability, then it is told apart, and reading through it or a decorator over it fails with a stable code', async () => {
    const store = portOnly();
    const decorated = new PersonalDataEventStore(new UpcastingEventStore(store, []), { declarations: [], keys: new InMemorySubjectKeyStore() });

    expect(hasStreamCatalog(store)).toBe(false);
    expect(hasStreamCatalog(new InMemoryEventStore())).toBe(true);
    expect(() => streamCatalogOf(store)).toThrow(StreamCatalogUnsupportedError);
    await expect(decorated.listCategories()).rejects.toMatchObject({ code: 'STREAM_CATALOG_UNSUPPORTED' });
    await expect(decorated.listStreams({ category: 'Note', limit: 1 })).rejects.toMatchObject({ code: 'STREAM_CATALOG_UNSUPPORTED' });
    await expect(decorated.readStreamPage(StreamName.of('Note', 'a'), { afterVersion: 0, limit: 1 })).rejects.toMatchObject({ code: 'STREAM_CATALOG_UNSUPPORTED' });
  });

  it('compares names by code point: upper case before lower, a character beyond U+FFFF after U+FFFD (where UTF-16 order puts it before)', () => {
    const names = ['b', '\u{1F600}', 'B', '\uFFFD', 'a', 'ab', ''];

    expect([...names].sort(compareByCodePoint)).toEqual(['', 'B', 'a', 'ab', 'b', '\uFFFD', '\u{1F600}']);
    expect('\u{1F600}' < '\uFFFD').toBe(true);
  });

  it('matches the search text in the id part only, in any case; a blank search matches every stream', () => {
    expect(streamIdMatches('Course_Intro-TO-ts', 'to-TS')).toBe(true);
    expect(streamIdMatches('Course_intro', 'course')).toBe(false);
    expect(streamIdMatches('Course_a_b', '_b')).toBe(true);
    expect(streamIdMatches('Course_intro', '')).toBe(true);
    expect(streamIdMatches('Course_intro', undefined)).toBe(true);
  });
});
