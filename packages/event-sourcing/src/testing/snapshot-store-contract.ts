import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../core/event-store';
import { NO_STREAM } from '../core/expected-version';
import type { SnapshotKind, SnapshotStore } from '../core/snapshots';
import { StreamName } from '../core/stream-name';
import { counted } from './event-store-contract';

export type SnapshotStoreUnderTest = Readonly<{ store: EventStore & SnapshotStore; dispose(): Promise<void> }>;

const kind: SnapshotKind = { name: 'Counter', schemaVersion: 1 };

/** The snapshot behaviour every SnapshotStore adapter must share; each adapter's test file runs it. */
export function snapshotStoreContract(adapter: string, create: () => Promise<SnapshotStoreUnderTest>): void {
  describe(`${adapter} snapshot store contract`, () => {
    let underTest: SnapshotStoreUnderTest;
    let store: EventStore & SnapshotStore;
    beforeAll(async () => {
      underTest = await create();
      store = underTest.store;
    });
    afterAll(async () => underTest?.dispose());

    async function streamOf(length: number): Promise<StreamName> {
      const stream = StreamName.of('Counter', randomUUID());
      await store.appendToStream(stream, Array.from({ length }, (_, i) => counted(i + 1)), { expectedVersion: NO_STREAM });
      return stream;
    }

    const versionsRead = async (stream: StreamName, asKind = kind) => {
      const read = await store.readStreamFromSnapshot(stream, asKind);
      return { snapshot: read.snapshot, versions: read.events.map((event) => event.streamVersion), currentVersion: read.currentVersion };
    };

    it('given no snapshot, then the whole stream is read; an unknown stream reads as empty at version 0', async () => {
      const stream = await streamOf(3);
      expect(await versionsRead(stream)).toEqual({ snapshot: undefined, versions: [1, 2, 3], currentVersion: 3 });
      expect(await versionsRead(StreamName.of('Counter', randomUUID()))).toEqual({ snapshot: undefined, versions: [], currentVersion: 0 });
    });

    it('given a snapshot at version 3 of 5, then it is read with only the events after it, its state as saved', async () => {
      const stream = await streamOf(5);
      const state = { total: 6, seen: ['a', 'b'], nested: { flag: true, none: null } };
      await store.saveSnapshot(stream, kind, { version: 3, state });

      const read = await store.readStreamFromSnapshot(stream, kind);
      expect(read.snapshot).toEqual({ version: 3, state });
      expect(read.events.map((event) => [event.streamVersion, event.data])).toEqual([
        [4, { n: 4 }],
        [5, { n: 5 }],
      ]);
      expect(read.currentVersion).toBe(5);
    });

    it('given a snapshot at the stream version, then it is read with no events', async () => {
      const stream = await streamOf(2);
      await store.saveSnapshot(stream, kind, { version: 2, state: { total: 3 } });
      expect(await versionsRead(stream)).toEqual({ snapshot: { version: 2, state: { total: 3 } }, versions: [], currentVersion: 2 });
    });

    it('given a snapshot of another schema version or another name, then it is not used', async () => {
      const stream = await streamOf(3);
      await store.saveSnapshot(stream, kind, { version: 2, state: { total: 3 } });
      expect(await versionsRead(stream, { ...kind, schemaVersion: 2 })).toEqual({ snapshot: undefined, versions: [1, 2, 3], currentVersion: 3 });
      expect(await versionsRead(stream, { ...kind, name: 'Other' })).toEqual({ snapshot: undefined, versions: [1, 2, 3], currentVersion: 3 });
    });

    it('given a snapshot ahead of the stream, then it is not kept', async () => {
      const stream = await streamOf(2);
      await store.saveSnapshot(stream, kind, { version: 3, state: { total: 6 } });
      expect(await versionsRead(stream)).toEqual({ snapshot: undefined, versions: [1, 2], currentVersion: 2 });
    });

    it('given a newer snapshot, then an older one does not replace it; a later one or one of a new schema version does', async () => {
      const stream = await streamOf(4);
      await store.saveSnapshot(stream, kind, { version: 3, state: { total: 6 } });
      await store.saveSnapshot(stream, kind, { version: 2, state: { total: 3 } });
      expect((await versionsRead(stream)).snapshot).toEqual({ version: 3, state: { total: 6 } });
      await store.saveSnapshot(stream, kind, { version: 4, state: { total: 10 } });
      expect((await versionsRead(stream)).snapshot).toEqual({ version: 4, state: { total: 10 } });

      const reshaped = { ...kind, schemaVersion: 2 };
      await store.saveSnapshot(stream, reshaped, { version: 1, state: { sum: 1 } });
      expect((await versionsRead(stream, reshaped)).snapshot).toEqual({ version: 1, state: { sum: 1 } });
      expect((await versionsRead(stream)).snapshot).toBeUndefined();
    });

    it('given the stream holds an event of a type to skip, then no snapshot is saved', async () => {
      const stream = await streamOf(2);
      await store.saveSnapshot(stream, kind, { version: 2, state: { total: 3 } }, { skipIfStreamHolds: ['Registered', 'Counted'] });
      expect((await versionsRead(stream)).snapshot).toBeUndefined();
      await store.saveSnapshot(stream, kind, { version: 2, state: { total: 3 } }, { skipIfStreamHolds: ['Registered'] });
      expect((await versionsRead(stream)).snapshot).toEqual({ version: 2, state: { total: 3 } });
    });
  });
}
