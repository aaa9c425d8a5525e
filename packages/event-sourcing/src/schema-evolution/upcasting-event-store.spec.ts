import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnknownSchemaVersionError, UpcasterDefinitionError } from '../core/errors';
import { LOG_START, type DomainEvent, type EventToAppend } from '../core/events';
import { NO_STREAM } from '../core/expected-version';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import { eventStoreContract } from '../testing/event-store-contract';
import { snapshotStoreContract } from '../testing/snapshot-store-contract';
import {
  ADA_V3,
  participantUpcasters,
  registered,
  type ParticipantRegistered,
  type ParticipantRegisteredV1,
  type ParticipantRegisteredV2,
} from './participant-registered.fixture';
import type { Upcaster } from './upcaster';
import { UpcastingEventStore } from './upcasting-event-store';

type Noted = DomainEvent<'Noted', { text: string }>;

const participantStream = () => StreamName.of('Participant', randomUUID());

function noted(schemaVersion?: number): EventToAppend<Noted> {
  return { ...registered<Noted>({ text: 'hi' }, schemaVersion), type: 'Noted' } as EventToAppend<Noted>;
}

function setup() {
  const inner = new InMemoryEventStore();
  const { upcasters, calls } = participantUpcasters();
  return { inner, store: new UpcastingEventStore(inner, upcasters), upcasterCalls: calls };
}

/** Ada's registration stored once in each shape the type ever had, as the code of each release wrote it. */
async function storedInEveryShape(inner: InMemoryEventStore) {
  const stream = participantStream();
  await inner.appendToStream(
    stream,
    [
      registered<ParticipantRegisteredV1>({ name: 'Ada Lovelace' }, 1),
      registered<ParticipantRegisteredV2>({ firstName: 'Ada', lastName: 'Lovelace' }, 2),
      registered<ParticipantRegistered>(ADA_V3, 3),
    ],
    { expectedVersion: NO_STREAM },
  );
  return stream;
}

eventStoreContract('upcasting (no upcasters) over in-memory', async () => ({
  store: new UpcastingEventStore(new InMemoryEventStore(), []),
  dispose: async () => undefined,
}));

snapshotStoreContract('upcasting (no upcasters) over in-memory', async () => ({
  store: new UpcastingEventStore(new InMemoryEventStore(), []),
  dispose: async () => undefined,
}));

describe('upcasting event store', () => {
  it('given a snapshot and older events after it, when the stream is read from its snapshot, then the snapshot comes as saved and the events in the newest shape', async () => {
    const { inner, store } = setup();
    const stream = await storedInEveryShape(inner);
    const kind = { name: 'Participant', schemaVersion: 1 };
    await store.saveSnapshot(stream, kind, { version: 1, state: { registered: 1 } });

    const read = await store.readStreamFromSnapshot<ParticipantRegistered>(stream, kind);

    expect(read.snapshot).toEqual({ version: 1, state: { registered: 1 } });
    expect(read.events.map((event) => [event.streamVersion, event.data, event.schemaVersion])).toEqual([
      [2, ADA_V3, 3],
      [3, ADA_V3, 3],
    ]);
  });

  it('given events stored at v1, v2 and v3, when the stream is read, then each reads in the v3 shape at version 3', async () => {
    const { inner, store } = setup();
    const stream = await storedInEveryShape(inner);

    const { events, currentVersion } = await store.readStream<ParticipantRegistered>(stream);

    expect(currentVersion).toBe(3);
    expect(events.map((event) => [event.data, event.schemaVersion])).toEqual([
      [ADA_V3, 3],
      [ADA_V3, 3],
      [ADA_V3, 3],
    ]);
  });

  it('given events stored at v1, v2 and v3, when the log is read, then each matching event of the page reads in the v3 shape', async () => {
    const { inner, store } = setup();
    await inner.appendToStream(StreamName.of('Note', '1'), [noted()], { expectedVersion: NO_STREAM });
    await storedInEveryShape(inner);

    const page = await store.readAll({ after: LOG_START, limit: 10, filter: { eventTypes: ['ParticipantRegistered'] } });

    expect(page.events.map((event) => [event.data, event.schemaVersion])).toEqual([
      [ADA_V3, 3],
      [ADA_V3, 3],
      [ADA_V3, 3],
    ]);
    expect(page).toMatchObject({ scannedCount: 4, isEndOfLog: true });
  });

  it('given an event already at v3, when read, then no upcaster runs and it is the very event stored', async () => {
    const { inner, store, upcasterCalls } = setup();
    const stream = participantStream();
    await inner.appendToStream(stream, [registered<ParticipantRegistered>(ADA_V3, 3)], { expectedVersion: NO_STREAM });
    const [stored] = (await inner.readStream(stream)).events;

    expect(store.upcast(stored!)).toBe(stored);
    expect((await store.readStream(stream)).events).toEqual([stored]);
    expect(upcasterCalls()).toBe(0);
  });

  it('hands each upcaster the event as it is at the upcaster\'s version, and leaves the stored event as it was', async () => {
    const seen: unknown[] = [];
    const spying: Upcaster[] = participantUpcasters().upcasters.map((upcaster) => ({
      ...upcaster,
      upcast: (data, event) => {
        seen.push([upcaster.fromVersion, event.schemaVersion, event.data]);
        return upcaster.upcast(data, event);
      },
    }));
    const inner = new InMemoryEventStore();
    const stream = participantStream();
    await inner.appendToStream(stream, [registered<ParticipantRegisteredV1>({ name: 'Ada Lovelace' }, 1)], { expectedVersion: NO_STREAM });
    const [stored] = (await inner.readStream(stream)).events;

    const lifted = new UpcastingEventStore(inner, spying).upcast<ParticipantRegistered>(stored!);

    expect(seen).toEqual([
      [1, 1, { name: 'Ada Lovelace' }],
      [2, 2, { firstName: 'Ada', lastName: 'Lovelace' }],
    ]);
    expect(lifted).toEqual({ ...stored, data: ADA_V3, schemaVersion: 3 });
    expect(stored).toMatchObject({ data: { name: 'Ada Lovelace' }, schemaVersion: 1 });
  });

  it('given an append, then it is stored at v3 and the result returns the events as given, at v3', async () => {
    const { inner, store } = setup();
    const stream = participantStream();

    const result = await store.appendToStream(stream, [registered<ParticipantRegistered>(ADA_V3)], { expectedVersion: NO_STREAM });

    expect(result.events.map((event) => [event.data, event.schemaVersion])).toEqual([[ADA_V3, 3]]);
    expect((await inner.readStream(stream)).events.map((event) => [event.data, event.schemaVersion])).toEqual([[ADA_V3, 3]]);
  });

  it('given an append that states an older version, then it is stored at it and read in the newest shape', async () => {
    const { inner, store } = setup();
    const stream = participantStream();

    const result = await store.appendToStream(stream, [registered<ParticipantRegisteredV1>({ name: 'Ada Lovelace' }, 1)], { expectedVersion: NO_STREAM });

    expect(result.events.map((event) => [event.data, event.schemaVersion])).toEqual([[ADA_V3, 3]]);
    expect((await inner.readStream(stream)).events.map((event) => event.schemaVersion)).toEqual([1]);
    expect((await store.readStream(stream)).events.map((event) => event.data)).toEqual([ADA_V3]);
  });

  it.each([4, 0, 1.5])('given an append that states version %s, then it is refused with UNKNOWN_SCHEMA_VERSION and nothing is stored', async (version) => {
    const { inner, store } = setup();
    const stream = participantStream();

    const append = store.appendToStream(stream, [registered<ParticipantRegistered>(ADA_V3, version)], { expectedVersion: NO_STREAM });

    await expect(append).rejects.toMatchObject({ code: 'UNKNOWN_SCHEMA_VERSION', storedVersion: version, knownVersion: 3 });
    expect(await inner.readStream(stream)).toEqual({ events: [], currentVersion: 0 });
  });

  it('given an event stored at v4, newer than the code knows, then reading its stream fails loudly', async () => {
    const { inner, store } = setup();
    const stream = await storedInEveryShape(inner);
    const newer = registered<ParticipantRegistered>(ADA_V3, 4);
    await inner.appendToStream(stream, [newer], { expectedVersion: 3 });

    const read = store.readStream(stream);

    await expect(read).rejects.toBeInstanceOf(UnknownSchemaVersionError);
    await expect(read).rejects.toMatchObject({
      code: 'UNKNOWN_SCHEMA_VERSION',
      eventType: 'ParticipantRegistered',
      eventId: newer.id,
      storedVersion: 4,
      knownVersion: 3,
    });
  });

  it('given an event stored at v4, newer than the code knows, then reading a page of the log holding it fails loudly', async () => {
    const { inner, store } = setup();
    const stream = await storedInEveryShape(inner);
    await inner.appendToStream(stream, [registered<ParticipantRegistered>(ADA_V3, 4)], { expectedVersion: 3 });

    await expect(store.readAll({ after: LOG_START, limit: 10 })).rejects.toBeInstanceOf(UnknownSchemaVersionError);
  });

  it('given a type without upcasters, then it is written without a stated version and read back as stored, at v1, uncopied', async () => {
    const { inner, store } = setup();
    const stream = StreamName.of('Note', randomUUID());
    await store.appendToStream<Noted>(stream, [noted()], { expectedVersion: NO_STREAM });
    const [stored] = (await inner.readStream(stream)).events;

    expect(stored).toMatchObject({ data: { text: 'hi' }, schemaVersion: 1 });
    expect(store.upcast(stored!)).toBe(stored);
    expect((await store.readStream(stream)).events).toEqual([stored]);
    expect(store.currentVersionOf('Noted')).toBe(1);
    expect(store.currentVersionOf('ParticipantRegistered')).toBe(3);
  });

  it('given a type without upcasters stored at v2 (by a release that had one), then reading it fails loudly', async () => {
    const { inner, store } = setup();
    const stream = StreamName.of('Note', randomUUID());
    await inner.appendToStream(stream, [noted(2)], { expectedVersion: NO_STREAM });

    await expect(store.readStream(stream)).rejects.toMatchObject({ code: 'UNKNOWN_SCHEMA_VERSION', storedVersion: 2, knownVersion: 1 });
  });

  describe('registration', () => {
    const lift = (eventType: string, fromVersion: number): Upcaster => ({ eventType, fromVersion, upcast: (data) => data });
    const construct = (upcasters: Upcaster[]) => () => new UpcastingEventStore(new InMemoryEventStore(), upcasters);

    it.each([
      ['a gap (v1→v2, v3→v4)', [lift('A', 1), lift('A', 3)], 'nothing lifts version 2 to 3'],
      ['a chain not starting at v1', [lift('A', 2)], 'nothing lifts version 1 to 2'],
      ['two upcasters from one version', [lift('A', 1), lift('A', 2), lift('A', 1)], 'Two upcasters of "A" lift from version 1'],
      ['a version below 1', [lift('A', 0)], 'from version 0'],
      ['a negative version', [lift('A', -1)], 'from version -1'],
      ['a fractional version', [lift('A', 1.5)], 'from version 1.5'],
    ])('refuses %s with INVALID_UPCASTER', (_case, upcasters, message) => {
      expect(construct(upcasters)).toThrow(UpcasterDefinitionError);
      expect(construct(upcasters)).toThrow(message);
    });

    it('accepts chains of several types, in any order', () => {
      const store = construct([lift('B', 1), lift('A', 2), lift('A', 1)])();
      expect([store.currentVersionOf('A'), store.currentVersionOf('B'), store.currentVersionOf('C')]).toEqual([3, 2, 1]);
    });
  });
});
