import type { ReadStreamResult } from './event-store';
import type { DomainEvent } from './events';
import type { StreamName } from './stream-name';

/**
 * What a snapshot holds, named: a snapshot is read back only under the same name and schema
 * version, so a decider whose state changes shape bumps `schemaVersion` and old snapshots are
 * ignored (and replaced as commands rebuild them).
 */
export type SnapshotKind = Readonly<{ name: string; schemaVersion: number }>;

/** A folded state and the stream version it folds to. `state` is stored as JSON. */
export type Snapshot = Readonly<{ version: number; state: unknown }>;

/** The stream as seen from its snapshot: the snapshot (if a valid one exists) and only the events after it. */
export type ReadFromSnapshotResult<E extends DomainEvent = DomainEvent> = ReadStreamResult<E> &
  Readonly<{
    /** Absent when there is none of this kind, or it no longer matches the stream. */
    snapshot?: Snapshot;
  }>;

export type SaveSnapshotOptions = Readonly<{
  /** The snapshot is not saved if the stream holds an event of one of these types (see `PersonalDataEventStore`). */
  skipIfStreamHolds?: readonly string[];
}>;

/**
 * Snapshots kept beside the events. A snapshot is bound to the event at its version: it is read
 * back only while that very event (same global position) is still there, so a snapshot ahead of
 * its stream, or of a stream deleted and written again, is never used.
 */
export interface SnapshotStore {
  readStreamFromSnapshot<E extends DomainEvent = DomainEvent>(streamName: StreamName, kind: SnapshotKind): Promise<ReadFromSnapshotResult<E>>;

  /** Keeps `snapshot` as the stream's snapshot of `kind`, unless one at a later version is already kept. */
  saveSnapshot(streamName: StreamName, kind: SnapshotKind, snapshot: Snapshot, options?: SaveSnapshotOptions): Promise<void>;
}

export function hasSnapshotStore<T extends object>(store: T): store is T & SnapshotStore {
  const candidate = store as Partial<SnapshotStore>;
  return typeof candidate.readStreamFromSnapshot === 'function' && typeof candidate.saveSnapshot === 'function';
}
