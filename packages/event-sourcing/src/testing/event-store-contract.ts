import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, DuplicateEventError, InvalidAppendError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import { logPositionOf, type ApplicationEvent, type DomainEvent, type EventToAppend } from '../core/events';
import { ANY, NO_STREAM, STREAM_EXISTS } from '../core/expected-version';
import { InvalidCatalogQueryError, streamCatalogOf } from '../core/stream-catalog';
import { StreamName } from '../core/stream-name';
import { readAllSettled, settledEndOfLog } from './settled-log';

export type Counted = DomainEvent<'Counted', { n: number }>;

export type EventStoreUnderTest = Readonly<{ store: EventStore; dispose(): Promise<void> }>;

let sequence = 0;
/** An event to append, with a distinct id and a time that grows with each call. */
export function counted(n: number): EventToAppend<Counted> {
  return {
    type: 'Counted',
    data: { n },
    id: randomUUID(),
    metadata: { correlationId: 'correlation-1', causationId: `command-${n}` },
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, ++sequence)),
  };
}

/** A fresh stream name per test, so tests never see each other's streams. */
function freshStream(category = 'Counter'): StreamName {
  return StreamName.of(category, randomUUID());
}

/** A category no other test writes to: letters and digits, starting with `prefix`. */
function freshCategory(prefix = 'Catalog'): string {
  return `${prefix}${randomUUID().replaceAll('-', '')}`;
}

/** The behaviour every EventStore adapter must share; each adapter's test file runs it. */
export function eventStoreContract(adapter: string, create: () => Promise<EventStoreUnderTest>): void {
  describe(`${adapter} event store contract`, () => {
    let underTest: EventStoreUnderTest;
    let store: EventStore;
    beforeAll(async () => {
      underTest = await create();
      store = underTest.store;
    });
    afterAll(async () => underTest?.dispose());

    it('appends to a new stream and reads the events back with positions and metadata', async () => {
      const stream = freshStream();
      const toAppend = [counted(1), counted(2)];
      const result = await store.appendToStream(stream, toAppend, { expectedVersion: NO_STREAM });

      expect(result.nextExpectedVersion).toBe(2);
      const { events, currentVersion } = await store.readStream<Counted>(stream);
      expect(currentVersion).toBe(2);
      expect(events.map((event) => [event.id, event.type, event.data, event.streamVersion])).toEqual([
        [toAppend[0]!.id, 'Counted', { n: 1 }, 1],
        [toAppend[1]!.id, 'Counted', { n: 2 }, 2],
      ]);
      expect(events[0]!.metadata).toEqual({ correlationId: 'correlation-1', causationId: 'command-1' });
      expect(events[0]!.occurredAt).toEqual(toAppend[0]!.occurredAt);
      expect(events[0]!.streamName).toBe(stream.toString());
      expect(events[1]!.globalPosition).toBeGreaterThan(events[0]!.globalPosition);
      expect(result.events.map((event) => event.globalPosition)).toEqual(events.map((event) => event.globalPosition));
    });

    it('reads an unknown stream as empty at version 0', async () => {
      expect(await store.readStream(freshStream())).toEqual({ events: [], currentVersion: 0 });
    });

    it('refuses "no stream" when the stream exists', async () => {
      const stream = freshStream();
      await store.appendToStream(stream, [counted(1)], { expectedVersion: NO_STREAM });
      await expect(store.appendToStream(stream, [counted(2)], { expectedVersion: NO_STREAM })).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await store.readStream(stream)).currentVersion).toBe(1);
    });

    it('appends at the expected version and refuses a stale or future one without leaving a gap', async () => {
      const stream = freshStream();
      await store.appendToStream(stream, [counted(1), counted(2)], { expectedVersion: NO_STREAM });
      await expect(store.appendToStream(stream, [counted(3)], { expectedVersion: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.appendToStream(stream, [counted(3)], { expectedVersion: 5 })).rejects.toBeInstanceOf(ConcurrencyError);
      await store.appendToStream(stream, [counted(3)], { expectedVersion: 2 });
      const { events } = await store.readStream(stream);
      expect(events.map((event) => event.streamVersion)).toEqual([1, 2, 3]);
    });

    it('treats expected version 0 as "no stream"', async () => {
      const stream = freshStream();
      await store.appendToStream(stream, [counted(1)], { expectedVersion: 0 });
      await expect(store.appendToStream(stream, [counted(2)], { expectedVersion: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('"stream exists" refuses a missing stream and appends to an existing one', async () => {
      const stream = freshStream();
      await expect(store.appendToStream(stream, [counted(1)], { expectedVersion: STREAM_EXISTS })).rejects.toBeInstanceOf(ConcurrencyError);
      await store.appendToStream(stream, [counted(1)], { expectedVersion: NO_STREAM });
      const result = await store.appendToStream(stream, [counted(2)], { expectedVersion: STREAM_EXISTS });
      expect(result.nextExpectedVersion).toBe(2);
    });

    it('"any" appends whatever the version', async () => {
      const stream = freshStream();
      await store.appendToStream(stream, [counted(1)], { expectedVersion: ANY });
      const result = await store.appendToStream(stream, [counted(2)], { expectedVersion: ANY });
      expect(result.nextExpectedVersion).toBe(2);
    });

    it('rejects an event id that is already stored and stores nothing of that append', async () => {
      const stream = freshStream();
      const first = counted(1);
      await store.appendToStream(stream, [first], { expectedVersion: NO_STREAM });
      await expect(store.appendToStream(freshStream(), [counted(2), first], { expectedVersion: NO_STREAM })).rejects.toBeInstanceOf(
        DuplicateEventError,
      );
      const repeated = counted(3);
      await expect(store.appendToStream(freshStream(), [repeated, repeated], { expectedVersion: NO_STREAM })).rejects.toBeInstanceOf(
        DuplicateEventError,
      );
      expect((await store.readStream(stream)).currentVersion).toBe(1);
    });

    it('rejects an empty append', async () => {
      await expect(store.appendToStream(freshStream(), [], { expectedVersion: ANY })).rejects.toBeInstanceOf(InvalidAppendError);
    });

    it('keeps streams of different categories with the same id apart', async () => {
      const id = randomUUID();
      await store.appendToStream(StreamName.of('Alpha', id), [counted(1)], { expectedVersion: NO_STREAM });
      await store.appendToStream(StreamName.of('Beta', id), [counted(2)], { expectedVersion: NO_STREAM });
      expect((await store.readStream(StreamName.of('Alpha', id))).events.map((event) => event.data)).toEqual([{ n: 1 }]);
      expect((await store.readStream(StreamName.of('Beta', id))).events.map((event) => event.data)).toEqual([{ n: 2 }]);
    });

    it('reads all events in pages, in log order, resuming after the last scanned entry', async () => {
      const start = await settledEndOfLog(store);
      const streams = [freshStream(), freshStream(), freshStream()];
      for (const stream of streams) await store.appendToStream(stream, [counted(1), counted(2)], { expectedVersion: NO_STREAM });

      await readAllSettled(store, start);
      const pages: number[] = [];
      const seen: ApplicationEvent[] = [];
      let position = start;
      for (;;) {
        const page = await store.readAll({ after: position, limit: 4 });
        pages.push(page.scannedCount);
        seen.push(...page.events);
        position = page.lastScannedPosition;
        if (page.isEndOfLog) break;
      }
      expect(pages).toEqual([4, 2]);
      expect(seen.map((event) => event.streamName)).toEqual(streams.flatMap((stream) => [stream.toString(), stream.toString()]));
      const again = await store.readAll({ after: position, limit: 4 });
      expect(again).toMatchObject({ events: [], scannedCount: 0, isEndOfLog: true, lastScannedPosition: position });
    });

    it('returns a large append in order, also where positions cross a power of ten', async () => {
      const start = await settledEndOfLog(store);
      const stream = freshStream();
      await store.appendToStream(stream, Array.from({ length: 12 }, (_, i) => counted(i + 1)), { expectedVersion: NO_STREAM });
      const events = await readAllSettled(store, start, 5);
      expect(events.map((event) => event.streamVersion)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    });

    it('filters by event type and category but still moves the reader past what it skipped', async () => {
      const start = await settledEndOfLog(store);
      const wanted = freshStream('Wanted');
      await store.appendToStream(freshStream('Skipped'), [counted(1)], { expectedVersion: NO_STREAM });
      await store.appendToStream(wanted, [counted(2)], { expectedVersion: NO_STREAM });
      await store.appendToStream(wanted, [{ ...counted(3), type: 'Other' } as never], { expectedVersion: 1 });
      await readAllSettled(store, start);

      const byCategory = await store.readAll({ after: start, limit: 10, filter: { categories: ['Wanted'] } });
      expect(byCategory.events.map((event) => event.type)).toEqual(['Counted', 'Other']);
      expect(byCategory.scannedCount).toBe(3);

      const byType = await store.readAll({ after: start, limit: 10, filter: { eventTypes: ['Counted'], categories: ['Wanted'] } });
      expect(byType.events.map((event) => event.data)).toEqual([{ n: 2 }]);
      expect(byType.lastScannedPosition).toEqual(byCategory.lastScannedPosition);
    });

    it('ends a filtered page where its scan ended, with how many entries it read and their highest position, even when it accepts none of the last or any', async () => {
      const start = await settledEndOfLog(store);
      const stream = freshStream();
      await store.appendToStream(stream, [counted(1), { ...counted(2), type: 'Other' } as never, { ...counted(3), type: 'Other' } as never], {
        expectedVersion: NO_STREAM,
      });
      const all = await readAllSettled(store, start);
      const last = all.at(-1)!;

      const firstOnly = await store.readAll({ after: start, limit: 10, filter: { eventTypes: ['Counted'] } });
      const none = await store.readAll({ after: start, limit: 10, filter: { eventTypes: ['Unknown'] } });

      for (const page of [firstOnly, none]) {
        expect(page).toMatchObject({ scannedCount: 3, isEndOfLog: true, highestScannedGlobalPosition: last.globalPosition });
        expect(page.lastScannedPosition).toEqual({ transactionId: last.transactionId, globalPosition: last.globalPosition });
      }
      expect(firstOnly.events.map((event) => event.data)).toEqual([{ n: 1 }]);
      expect(none.events).toEqual([]);
      const full = await store.readAll({ after: start, limit: 2, filter: { eventTypes: ['Unknown'] } });
      expect(full).toMatchObject({ events: [], scannedCount: 2, isEndOfLog: false, highestScannedGlobalPosition: all[1]!.globalPosition });
    });

    it('reads a filtered range alike whether the page before it was mostly rejected or mostly accepted by the filter', async () => {
      const start = await settledEndOfLog(store);
      // A type no other test writes: the filter's earlier pages are this test's alone.
      const rare = freshCategory('Rare');
      const kept = (n: number) => ({ ...counted(n), type: rare }) as never;
      await store.appendToStream(freshStream(), [counted(1), counted(2), kept(3), counted(4), counted(5)], { expectedVersion: NO_STREAM });
      const all = await readAllSettled(store, start);

      for (const filter of [{ eventTypes: [rare] }, { eventTypes: ['Counted', rare] }]) {
        // Pages ending on an accepted entry (3), on a rejected one (2, 4) and past the end (10).
        for (const limit of [3, 2, 4, 10]) {
          const mostlyRejected = await store.readAll({ after: start, limit: 10, filter: { eventTypes: [rare] } });
          const afterRejected = await store.readAll({ after: start, limit, filter });
          const mostlyAccepted = await store.readAll({ after: start, limit: 10, filter: { eventTypes: ['Counted', rare] } });
          const afterAccepted = await store.readAll({ after: start, limit, filter });

          expect(mostlyRejected.events).toHaveLength(1);
          expect(mostlyAccepted.events).toHaveLength(5);
          expect(afterRejected).toEqual(afterAccepted);
          const scanned = all.slice(0, limit);
          expect(afterRejected).toMatchObject({
            scannedCount: scanned.length,
            isEndOfLog: scanned.length < limit,
            highestScannedGlobalPosition: scanned.at(-1)!.globalPosition,
            lastScannedPosition: { transactionId: scanned.at(-1)!.transactionId, globalPosition: scanned.at(-1)!.globalPosition },
          });
          expect(afterRejected.events.map((event) => event.globalPosition)).toEqual(
            scanned.filter((event) => filter.eventTypes.includes(event.type)).map((event) => event.globalPosition),
          );
        }
      }
    });

    it('counts the backlog after a position', async () => {
      const start = await settledEndOfLog(store);
      expect((await store.backlogAfter(start)).events).toBe(0);
      const first = counted(1);
      await store.appendToStream(freshStream(), [first, counted(2)], { expectedVersion: NO_STREAM });
      const backlog = await store.backlogAfter(start);
      expect(backlog).toEqual({ events: 2, exact: true, oldestOccurredAt: first.occurredAt });
      const firstStored = (await readAllSettled(store, start))[0]!;
      const [fromStart, afterFirst, atEnd] = await store.backlogsAfter([start, logPositionOf(firstStored), await settledEndOfLog(store)]);
      expect([fromStart, afterFirst, atEnd]).toEqual([backlog, { events: 1, exact: true, oldestOccurredAt: expect.any(Date) }, { events: 0, exact: true, oldestOccurredAt: null }]);
      expect(await store.backlogsAfter([])).toEqual([]);
      expect(await readAllSettled(store, start)).toHaveLength(2);
    });

    it('names the end of the log: the last committed event in read order', async () => {
      await store.appendToStream(freshStream(), [counted(1)], { expectedVersion: NO_STREAM });
      const { events } = await store.appendToStream(freshStream(), [counted(2), counted(3)], { expectedVersion: NO_STREAM });
      expect(await store.endOfLog()).toEqual(logPositionOf(events[1]!));
    });

    it('names the end of the log when positions grow a digit within one append (9 → 10, 99 → 100, …)', async () => {
      const { lastGlobalPosition } = await store.appendToStream(freshStream(), [counted(0)], { expectedVersion: NO_STREAM });
      const nextPowerOfTen = 10n ** BigInt(lastGlobalPosition.toString().length);
      const crossing = Array.from({ length: Number(nextPowerOfTen - lastGlobalPosition) + 1 }, (_, index) => counted(index + 1));
      const { events } = await store.appendToStream(freshStream(), crossing, { expectedVersion: NO_STREAM });
      expect(await store.endOfLog()).toEqual(logPositionOf(events.at(-1)!));
    });

    describe('stream catalog', () => {
      it('lists each category with its streams and events, categories in code point order (upper case before lower)', async () => {
        const upper = freshCategory('B');
        const lower = freshCategory('a');
        await store.appendToStream(StreamName.of(upper, 'one'), [counted(1), counted(2), counted(3)], { expectedVersion: NO_STREAM });
        await store.appendToStream(StreamName.of(upper, 'two'), [counted(1)], { expectedVersion: NO_STREAM });
        await store.appendToStream(StreamName.of(upper, 'one'), [counted(4)], { expectedVersion: 3 });
        await store.appendToStream(StreamName.of(lower, 'one'), [counted(1), counted(2)], { expectedVersion: NO_STREAM });

        const categories = await streamCatalogOf(store).listCategories();

        const names = categories.map((category) => category.category);
        expect(categories.find((category) => category.category === upper)).toEqual({ category: upper, streams: 2, events: 5 });
        expect(categories.find((category) => category.category === lower)).toEqual({ category: lower, streams: 1, events: 2 });
        expect(names.indexOf(upper)).toBeLessThan(names.indexOf(lower));
        expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      });

      it('lists a category\'s streams by name in code point order, a page at a time after the last name, with no duplicate or gap', async () => {
        const category = freshCategory();
        const ids = ['b', 'B', 'a1', 'a_2', '10', '9', 'z', 'ä'];
        for (const id of ids) await store.appendToStream(StreamName.of(category, id), [counted(1)], { expectedVersion: NO_STREAM });
        await store.appendToStream(StreamName.of(category, 'b'), [counted(2), counted(3)], { expectedVersion: 1 });
        // A category whose name starts with this one's: none of its streams belong here.
        await store.appendToStream(StreamName.of(`${category}x`, 'a'), [counted(1)], { expectedVersion: NO_STREAM });

        const pages: string[][] = [];
        let after: string | undefined;
        for (;;) {
          const page = await streamCatalogOf(store).listStreams({ category, limit: 3, ...(after === undefined ? {} : { after }) });
          if (page.length === 0) break;
          pages.push(page.map((stream) => stream.streamName.slice(category.length + 1)));
          after = page.at(-1)!.streamName;
        }

        expect(pages).toEqual([['10', '9', 'B'], ['a1', 'a_2', 'b'], ['z', 'ä']]);
        const [b] = await streamCatalogOf(store).listStreams({ category, after: `${category}_a_2`, limit: 1 });
        const { events } = await store.readStream(StreamName.of(category, 'b'));
        expect(b).toEqual({ streamName: `${category}_b`, version: 3, lastEventAt: events[2]!.occurredAt });
      });

      it('finds streams whose id contains the search text in any case, not matching the category name, and pages the found ones', async () => {
        const category = freshCategory('Cat');
        for (const id of ['Alice-1', 'bob-ALICE', 'carol', 'concat', 'malice']) {
          await store.appendToStream(StreamName.of(category, id), [counted(1)], { expectedVersion: NO_STREAM });
        }
        const catalog = streamCatalogOf(store);
        const found = async (search: string, after?: string) =>
          (await catalog.listStreams({ category, search, limit: 2, ...(after === undefined ? {} : { after }) })).map((stream) => stream.streamName.slice(category.length + 1));

        expect(await found('alice')).toEqual(['Alice-1', 'bob-ALICE']);
        expect(await found('alice', `${category}_bob-ALICE`)).toEqual(['malice']);
        expect(await found('CAT')).toEqual(['concat']);
        expect(await found('')).toEqual(['Alice-1', 'bob-ALICE']);
        expect(await found('nobody')).toEqual([]);
        expect(await catalog.listStreams({ category: freshCategory(), limit: 10 })).toEqual([]);
      });

      it('reads a stream a page at a time after a version, in numeric position order, with its current version; an unknown stream as empty at version 0', async () => {
        const stream = freshStream();
        await store.appendToStream(stream, Array.from({ length: 12 }, (_, i) => counted(i + 1)), { expectedVersion: NO_STREAM });
        const catalog = streamCatalogOf(store);
        const versions = async (afterVersion: number, limit: number) => {
          const page = await catalog.readStreamPage<Counted>(stream, { afterVersion, limit });
          return { versions: page.events.map((event) => event.streamVersion), currentVersion: page.currentVersion };
        };

        expect(await versions(0, 20)).toEqual({ versions: Array.from({ length: 12 }, (_, i) => i + 1), currentVersion: 12 });
        expect(await versions(8, 3)).toEqual({ versions: [9, 10, 11], currentVersion: 12 });
        expect(await versions(11, 3)).toEqual({ versions: [12], currentVersion: 12 });
        expect(await versions(12, 3)).toEqual({ versions: [], currentVersion: 12 });
        const page = await catalog.readStreamPage<Counted>(stream, { afterVersion: 1, limit: 1 });
        expect(page.events).toEqual([(await store.readStream<Counted>(stream)).events[1]]);
        expect(await catalog.readStreamPage(freshStream(), { afterVersion: 0, limit: 5 })).toEqual({ events: [], currentVersion: 0 });
      });

      it('refuses a limit below 1 or not an integer, and a version below 0 or not an integer', async () => {
        const catalog = streamCatalogOf(store);
        for (const limit of [0, -1, 1.5, Number.NaN]) {
          await expect(catalog.listStreams({ category: 'Counter', limit })).rejects.toBeInstanceOf(InvalidCatalogQueryError);
          await expect(catalog.readStreamPage(freshStream(), { afterVersion: 0, limit })).rejects.toBeInstanceOf(InvalidCatalogQueryError);
        }
        for (const afterVersion of [-1, 0.5]) {
          await expect(catalog.readStreamPage(freshStream(), { afterVersion, limit: 1 })).rejects.toMatchObject({ code: 'INVALID_CATALOG_QUERY' });
        }
      });
    });

    it('tells listeners about appends', async () => {
      const notified = new Promise<bigint>((resolve) => {
        const unsubscribe = store.onAppended(({ lastGlobalPosition }) => {
          unsubscribe();
          resolve(lastGlobalPosition);
        });
      });
      const result = await store.appendToStream(freshStream(), [counted(1)], { expectedVersion: NO_STREAM });
      expect(await notified).toBe(result.lastGlobalPosition);
    });
  });
}
