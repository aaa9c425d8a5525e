import type { CorrelatedEventsReader } from './correlated-events';
import { ConcurrencyError, DuplicateEventError, InvalidAppendError } from './errors';
import type {
  AppendNotification,
  AppendResult,
  EventFilter,
  EventStore,
  LogBacklog,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamResult,
  Unsubscribe,
} from './event-store';
import { compareLogPositions, LOG_START, logPositionOf, type ApplicationEvent, type DomainEvent, type EventToAppend, type LogPosition } from './events';
import { describeExpectedVersion, matchesExpectedVersion, type ExpectedVersion } from './expected-version';
import {
  assertPageOptions,
  compareByCodePoint,
  streamIdMatches,
  type ListStreamsOptions,
  type ReadStreamPageOptions,
  type StreamCatalog,
  type StreamCategorySummary,
  type StreamPage,
  type StreamSummary,
} from './stream-catalog';
import type { ReadFromSnapshotResult, SaveSnapshotOptions, Snapshot, SnapshotKind, SnapshotStore } from './snapshots';
import type { StreamName } from './stream-name';
import { partitionOfStream } from './stream-partition';

/** A snapshot as kept: bound to the event at its version, its state as JSON, as PostgreSQL keeps jsonb. */
type StoredSnapshot = Readonly<{ schemaVersion: number; version: number; globalPosition: bigint; json: string }>;

/**
 * The event store in process memory, with the same semantics as the PostgreSQL adapter (the shared
 * contract suite checks both). Each append is its own "transaction", committed at once.
 */
export class InMemoryEventStore implements EventStore, CorrelatedEventsReader, StreamCatalog, SnapshotStore {
  private readonly log: ApplicationEvent[] = [];
  private readonly streams = new Map<string, ApplicationEvent[]>();
  private readonly eventIds = new Set<string>();
  /** By stream name, then snapshot name. */
  private readonly snapshots = new Map<string, Map<string, StoredSnapshot>>();
  private readonly listeners = new Set<(notification: AppendNotification) => void>();
  private lastTransactionId = 0n;

  async readStream<E extends DomainEvent = DomainEvent>(streamName: StreamName): Promise<ReadStreamResult<E>> {
    const events = (this.streams.get(streamName.toString()) ?? []) as ApplicationEvent<E>[];
    // Copies, as a database returns: a caller that changes what it read does not change the store.
    return { events: events.map((event) => structuredClone(event)), currentVersion: events.length };
  }

  async readStreamFromSnapshot<E extends DomainEvent = DomainEvent>(streamName: StreamName, kind: SnapshotKind): Promise<ReadFromSnapshotResult<E>> {
    const events = (this.streams.get(streamName.toString()) ?? []) as ApplicationEvent<E>[];
    const stored = this.snapshots.get(streamName.toString())?.get(kind.name);
    const valid = stored && stored.schemaVersion === kind.schemaVersion && events[stored.version - 1]?.globalPosition === stored.globalPosition;
    const after = valid ? stored.version : 0;
    const snapshot = valid ? { version: stored.version, state: JSON.parse(stored.json) as unknown } : undefined;
    return { events: events.slice(after).map((event) => structuredClone(event)), currentVersion: events.length, ...(snapshot && { snapshot }) };
  }

  async saveSnapshot(streamName: StreamName, kind: SnapshotKind, snapshot: Snapshot, options: SaveSnapshotOptions = {}): Promise<void> {
    const name = streamName.toString();
    const events = this.streams.get(name) ?? [];
    const boundTo = events[snapshot.version - 1];
    if (!boundTo || events.some((event) => options.skipIfStreamHolds?.includes(event.type))) return;
    const byName = this.snapshots.get(name) ?? new Map<string, StoredSnapshot>();
    const kept = byName.get(kind.name);
    if (kept && kept.schemaVersion === kind.schemaVersion && kept.version >= snapshot.version) return;
    byName.set(kind.name, { schemaVersion: kind.schemaVersion, version: snapshot.version, globalPosition: boundTo.globalPosition, json: JSON.stringify(snapshot.state) });
    this.snapshots.set(name, byName);
  }

  async appendToStream<E extends DomainEvent = DomainEvent>(
    streamName: StreamName,
    events: readonly EventToAppend<E>[],
    options: Readonly<{ expectedVersion: ExpectedVersion }>,
  ): Promise<AppendResult<E>> {
    if (events.length === 0) throw new InvalidAppendError('Nothing to append: the event list is empty');
    const name = streamName.toString();
    const stream = this.streams.get(name) ?? [];
    if (!matchesExpectedVersion(options.expectedVersion, stream.length)) {
      throw new ConcurrencyError(name, describeExpectedVersion(options.expectedVersion), stream.length);
    }
    const duplicates = events.map((event) => event.id).filter((id, index, ids) => this.eventIds.has(id) || ids.indexOf(id) !== index);
    if (duplicates.length > 0) throw new DuplicateEventError(duplicates);

    this.lastTransactionId += 1n;
    const stored = events.map((event, index): ApplicationEvent => {
      return {
        id: event.id,
        type: event.type,
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata),
        occurredAt: new Date(event.occurredAt),
        streamName: name,
        streamVersion: stream.length + index + 1,
        globalPosition: BigInt(this.log.length + index + 1),
        transactionId: this.lastTransactionId,
        schemaVersion: event.schemaVersion ?? 1,
      } as ApplicationEvent;
    });
    this.streams.set(name, [...stream, ...stored]);
    this.log.push(...stored);
    stored.forEach((event) => this.eventIds.add(event.id));

    const last = stored[stored.length - 1]!;
    const notification = { lastGlobalPosition: last.globalPosition, eventTypes: stored.map((event) => event.type) };
    queueMicrotask(() => this.listeners.forEach((listener) => listener(notification)));
    return {
      nextExpectedVersion: last.streamVersion,
      lastGlobalPosition: last.globalPosition,
      events: stored.map((event) => structuredClone(event)) as ApplicationEvent<E>[],
    };
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const scanned = this.log.filter((event) => compareLogPositions(event, options.after) > 0).slice(0, options.limit);
    const last = scanned[scanned.length - 1];
    return {
      events: scanned.filter((event) => matchesFilter(event, options.filter)),
      lastScannedPosition: last ? { transactionId: last.transactionId, globalPosition: last.globalPosition } : options.after,
      scannedCount: scanned.length,
      highestScannedGlobalPosition: scanned.reduce((highest, event) => (event.globalPosition > highest ? event.globalPosition : highest), 0n),
      isEndOfLog: scanned.length < options.limit,
    };
  }

  async readByCorrelationId(correlationId: string): Promise<ApplicationEvent[]> {
    return this.log.filter((event) => event.metadata.correlationId === correlationId).map((event) => structuredClone(event));
  }

  async backlogsAfter(positions: readonly LogPosition[]): Promise<LogBacklog[]> {
    return Promise.all(positions.map((position) => this.backlogAfter(position)));
  }

  async listCategories(): Promise<StreamCategorySummary[]> {
    const byCategory = new Map<string, { streams: number; events: number }>();
    for (const [name, events] of this.streams) {
      const category = name.slice(0, name.indexOf('_'));
      const counts = byCategory.get(category) ?? { streams: 0, events: 0 };
      byCategory.set(category, { streams: counts.streams + 1, events: counts.events + events.length });
    }
    return [...byCategory]
      .map(([category, counts]) => ({ category, ...counts }))
      .sort((a, b) => compareByCodePoint(a.category, b.category));
  }

  async listStreams(options: ListStreamsOptions): Promise<StreamSummary[]> {
    assertPageOptions(options);
    const prefix = `${options.category}_`;
    return [...this.streams]
      .filter(([name]) => name.startsWith(prefix) && (options.after === undefined || compareByCodePoint(name, options.after) > 0))
      .filter(([name]) => streamIdMatches(name, options.search))
      .sort(([a], [b]) => compareByCodePoint(a, b))
      .slice(0, options.limit)
      .map(([streamName, events]) => ({
        streamName,
        version: events.length,
        lastEventAt: new Date(Math.max(...events.map((event) => event.occurredAt.getTime()))),
      }));
  }

  async readStreamPage<E extends DomainEvent = DomainEvent>(streamName: StreamName, options: ReadStreamPageOptions): Promise<StreamPage<E>> {
    assertPageOptions(options);
    const events = (this.streams.get(streamName.toString()) ?? []) as ApplicationEvent<E>[];
    const page = events.slice(options.afterVersion, options.afterVersion + options.limit);
    return { events: page.map((event) => structuredClone(event)), currentVersion: events.length };
  }

  async backlogAfter(position: ReadAllOptions['after']): Promise<LogBacklog> {
    const pending = this.log.filter((event) => compareLogPositions(event, position) > 0);
    // Counting an array costs nothing worth bounding: always exact.
    return { events: pending.length, exact: true, oldestOccurredAt: pending[0]?.occurredAt ?? null };
  }

  async endOfLog(): Promise<LogPosition> {
    const last = this.log.at(-1);
    return last ? logPositionOf(last) : LOG_START;
  }

  onAppended(listener: (notification: AppendNotification) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function matchesFilter(event: Pick<ApplicationEvent, 'type' | 'streamName'>, filter: EventFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.categories && !filter.categories.includes(event.streamName.slice(0, event.streamName.indexOf('_')))) return false;
  if (filter.partition && partitionOfStream(event.streamName, filter.partition.count) !== filter.partition.index) return false;
  return true;
}
