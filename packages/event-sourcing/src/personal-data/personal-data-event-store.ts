import { readByCorrelationId, type CorrelatedEventsReader } from '../core/correlated-events';
import type {
  AppendNotification,
  AppendResult,
  EventStore,
  LogBacklog,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamResult,
  Unsubscribe,
} from '../core/event-store';
import type { ApplicationEvent, DomainEvent, EventToAppend, LogPosition } from '../core/events';
import type { ExpectedVersion } from '../core/expected-version';
import {
  streamCatalogOf,
  type ListStreamsOptions,
  type ReadStreamPageOptions,
  type StreamCatalog,
  type StreamCategorySummary,
  type StreamPage,
  type StreamSummary,
} from '../core/stream-catalog';
import { hasSnapshotStore, type ReadFromSnapshotResult, type SaveSnapshotOptions, type Snapshot, type SnapshotKind, type SnapshotStore } from '../core/snapshots';
import type { StreamName } from '../core/stream-name';
import { decryptField, encryptField, isEncryptedField } from './encrypted-field';
import { ERASED } from './erased';
import { PersonalDataSubjectMissingError, PersonalDataUnreadableError, SubjectErasedError } from './errors';
import { KeyCache } from './key-cache';
import { declarationsByType, type PersonalDataDeclaration } from './personal-data-declaration';
import type { SubjectKeyStore } from './subject-key-store';

/** About 100 bytes a key with its subject id: the default holds the keys of 10,000 subjects in about 1 MB. */
const DEFAULT_KEY_CACHE_SIZE = 10_000;

export type PersonalDataEventStoreOptions = Readonly<{
  declarations: readonly PersonalDataDeclaration[];
  keys: SubjectKeyStore;
  /** How many subjects' keys stay in memory, least recently used first out. */
  keyCacheSize?: number;
}>;

/** The declared fields of one event to encrypt, and under whose key. */
type Encryption = Readonly<{ subject: string; fields: readonly string[] }>;

/**
 * Crypto-shredding over another event store: declared personal fields are stored encrypted with a
 * key of their subject's own, and erasing the subject deletes the key, so every copy of the data,
 * in the log and in backups alike, becomes unreadable at once. Reads find encrypted fields by their
 * shape, decrypt them, and yield `ERASED` where the subject's key is gone.
 */
export class PersonalDataEventStore implements EventStore, CorrelatedEventsReader, StreamCatalog, SnapshotStore {
  private readonly declarations: ReadonlyMap<string, PersonalDataDeclaration>;
  private readonly keys: SubjectKeyStore;
  private readonly cache: KeyCache;
  /** Counts erasures: a key lookup that an erasure overtook must not put the erased key in the cache. */
  private erasures = 0;

  constructor(
    private readonly inner: EventStore,
    options: PersonalDataEventStoreOptions,
  ) {
    this.declarations = declarationsByType(options.declarations);
    this.keys = options.keys;
    this.cache = new KeyCache(options.keyCacheSize ?? DEFAULT_KEY_CACHE_SIZE);
    this.keys.onErased((subject) => this.forget(subject));
  }

  /** Erases a subject: deletes its key (every read now yields ERASED for its fields). */
  async eraseSubject(subject: string): Promise<void> {
    await this.keys.erase(subject);
    this.forget(subject);
  }

  async appendToStream<E extends DomainEvent = DomainEvent>(
    streamName: StreamName,
    events: readonly EventToAppend<E>[],
    options: Readonly<{ expectedVersion: ExpectedVersion }>,
  ): Promise<AppendResult<E>> {
    // Most appends hold no personal data: they reach the store as they came.
    if (!events.some((event) => this.declarations.has(event.type))) return this.inner.appendToStream(streamName, events, options);

    const encryptions = events.map((event) => this.encryptionOf(streamName, event));
    const keys = await this.keysToEncrypt(encryptions);
    const toStore = events.map((event, index) => {
      const encryption = encryptions[index];
      return encryption ? { ...event, data: encryptedData(event, encryption, keys.get(encryption.subject)) } : event;
    });
    const result = await this.inner.appendToStream(streamName, toStore, options);
    // The caller gets back what it appended, not the ciphertext.
    const appended = result.events.map((stored, index) => (encryptions[index] ? { ...stored, data: events[index]!.data } : stored));
    return { ...result, events: appended };
  }

  async readStream<E extends DomainEvent = DomainEvent>(streamName: StreamName): Promise<ReadStreamResult<E>> {
    const result = await this.inner.readStream<E>(streamName);
    const events = await this.decrypted(result.events);
    return events === result.events ? result : { ...result, events };
  }

  /** Over a store without snapshots, reads the whole stream and saves nothing. */
  async readStreamFromSnapshot<E extends DomainEvent = DomainEvent>(streamName: StreamName, kind: SnapshotKind): Promise<ReadFromSnapshotResult<E>> {
    const result = hasSnapshotStore(this.inner) ? await this.inner.readStreamFromSnapshot<E>(streamName, kind) : await this.inner.readStream<E>(streamName);
    const events = await this.decrypted(result.events);
    return events === result.events ? result : { ...result, events };
  }

  /**
   * A snapshot holds decrypted state that erasing a subject could not reach: a stream holding an
   * event with declared personal data is never snapshotted (ADR 0025).
   */
  async saveSnapshot(streamName: StreamName, kind: SnapshotKind, snapshot: Snapshot, options: SaveSnapshotOptions = {}): Promise<void> {
    if (!hasSnapshotStore(this.inner)) return;
    const skipIfStreamHolds = [...(options.skipIfStreamHolds ?? []), ...this.declarations.keys()];
    await this.inner.saveSnapshot(streamName, kind, snapshot, { skipIfStreamHolds });
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const page = await this.inner.readAll(options);
    const events = await this.decrypted(page.events);
    return events === page.events ? page : { ...page, events };
  }

  /** Fails with `CorrelationReadUnsupportedError` when the inner store cannot read by correlation id. */
  async readByCorrelationId(correlationId: string): Promise<ApplicationEvent[]> {
    return this.decrypted(await readByCorrelationId(this.inner, correlationId));
  }

  /** The catalog methods fail with `StreamCatalogUnsupportedError` when the inner store has none. */
  async listCategories(): Promise<StreamCategorySummary[]> {
    return streamCatalogOf(this.inner).listCategories();
  }

  async listStreams(options: ListStreamsOptions): Promise<StreamSummary[]> {
    return streamCatalogOf(this.inner).listStreams(options);
  }

  async readStreamPage<E extends DomainEvent = DomainEvent>(streamName: StreamName, options: ReadStreamPageOptions): Promise<StreamPage<E>> {
    const page = await streamCatalogOf(this.inner).readStreamPage<E>(streamName, options);
    const events = await this.decrypted(page.events);
    return events === page.events ? page : { ...page, events };
  }

  backlogAfter(position: LogPosition): Promise<LogBacklog> {
    return this.inner.backlogAfter(position);
  }

  backlogsAfter(positions: readonly LogPosition[]): Promise<LogBacklog[]> {
    return this.inner.backlogsAfter(positions);
  }

  endOfLog(): Promise<LogPosition> {
    return this.inner.endOfLog();
  }

  onAppended(listener: (notification: AppendNotification) => void): Unsubscribe {
    return this.inner.onAppended(listener);
  }

  /**
   * Which fields to encrypt under whose key; none when the type declares no personal data or the
   * event holds none of its fields. Personal data without a subject is refused: no one's erasure
   * could ever reach it, and storing it in plaintext would break the promise erasure makes.
   */
  private encryptionOf(streamName: StreamName, event: EventToAppend): Encryption | undefined {
    const declaration = this.declarations.get(event.type);
    if (!declaration) return undefined;
    const data = event.data as Record<string, unknown> | null;
    const fields = declaration.fields.filter((field) => data?.[field] !== undefined);
    if (fields.length === 0) return undefined;
    const subject = declaration.subjectOf({ type: event.type, data, streamName: streamName.toString(), metadata: event.metadata });
    if (subject === undefined) throw new PersonalDataSubjectMissingError(event.type, event.id);
    return { subject, fields };
  }

  /** The subjects' keys; none for an erased subject. */
  private async keysToEncrypt(encryptions: readonly (Encryption | undefined)[]): Promise<ReadonlyMap<string, Buffer | undefined>> {
    const subjects = new Set(encryptions.flatMap((encryption) => (encryption ? [encryption.subject] : [])));
    const entries = await Promise.all([...subjects].map(async (subject) => [subject, await this.keyFor(subject)] as const));
    return new Map(entries);
  }

  private async keyFor(subject: string): Promise<Buffer | undefined> {
    const cached = this.cache.get(subject);
    if (cached) return cached;
    const erasuresBefore = this.erasures;
    try {
      const key = await this.keys.keyFor(subject);
      if (this.erasures === erasuresBefore) this.cache.set(subject, key);
      return key;
    } catch (error) {
      if (error instanceof SubjectErasedError) return undefined;
      throw error;
    }
  }

  /** The events with their personal fields decrypted; the same array when none holds any. */
  private async decrypted<T extends ApplicationEvent>(events: T[]): Promise<T[]> {
    const subjects = subjectsOf(events);
    if (subjects.size === 0) return events;
    const keys = await this.existingKeys(subjects);
    return events.map((event) => decryptedEvent(event, keys));
  }

  /** One look-up in the key store for all the subjects the cache lacks. */
  private async existingKeys(subjects: ReadonlySet<string>): Promise<ReadonlyMap<string, Buffer>> {
    const keys = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const subject of subjects) {
      const cached = this.cache.get(subject);
      if (cached) keys.set(subject, cached);
      else missing.push(subject);
    }
    if (missing.length === 0) return keys;
    const erasuresBefore = this.erasures;
    const found = await this.keys.existingKeys(missing);
    for (const [subject, key] of found) {
      keys.set(subject, key);
      if (this.erasures === erasuresBefore) this.cache.set(subject, key);
    }
    return keys;
  }

  private forget(subject: string): void {
    this.erasures += 1;
    this.cache.delete(subject);
  }
}

/** The data with its personal fields encrypted; erased on arrival when the subject already is (no key). */
function encryptedData(event: EventToAppend, encryption: Encryption, key: Buffer | undefined): Record<string, unknown> {
  const data = { ...(event.data as Record<string, unknown>) };
  for (const field of encryption.fields) {
    data[field] = key ? encryptField(key, { subject: encryption.subject, eventId: event.id, field }, data[field]) : ERASED;
  }
  return data;
}

/** Subjects of the encrypted fields of these events, found by shape: a `for…in` allocates nothing for events without any. */
function subjectsOf(events: readonly ApplicationEvent[]): Set<string> {
  const subjects = new Set<string>();
  for (const event of events) {
    const data = event.data as Record<string, unknown> | null;
    if (typeof data !== 'object' || data === null) continue;
    for (const field in data) {
      const value = data[field];
      if (isEncryptedField(value)) subjects.add(value.subject);
    }
  }
  return subjects;
}

function decryptedEvent<T extends ApplicationEvent>(event: T, keys: ReadonlyMap<string, Buffer>): T {
  const data = event.data as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null) return event;
  let plain: Record<string, unknown> | undefined;
  for (const field in data) {
    const value = data[field];
    if (!isEncryptedField(value)) continue;
    plain ??= { ...data };
    const key = keys.get(value.subject);
    if (key === undefined) {
      plain[field] = ERASED;
      continue;
    }
    const decrypted = decryptField(key, { eventId: event.id, field }, value);
    if (decrypted === undefined) throw new PersonalDataUnreadableError(event.id, field);
    plain[field] = decrypted.value;
  }
  return plain ? { ...event, data: plain } : event;
}
