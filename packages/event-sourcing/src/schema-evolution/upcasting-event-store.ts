import { readByCorrelationId, type CorrelatedEventsReader } from '../core/correlated-events';
import { UnknownSchemaVersionError } from '../core/errors';
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
import { upcasterChains, type Upcaster, type UpcasterChains } from './upcaster';

/**
 * Schema evolution over any event store: appends are stored at the newest schema version of their
 * type, and every read lifts older events to the newest shape through the registered upcasters, so
 * decisions, subscriptions (rebuilds too) and tools only ever see the shape the code knows. An
 * event stored at a version newer than the code knows fails the read with `UnknownSchemaVersionError`
 * rather than reaching code that would misread it. Events of types without upcasters pass through
 * as they are, uncopied.
 *
 * `new UpcastingEventStore(new PostgresEventStore(sql), [{ eventType: 'TaskWasCompleted', fromVersion: 1, upcast: (data) => ({ ...data, score: null }) }])`
 */
export class UpcastingEventStore implements EventStore, CorrelatedEventsReader, StreamCatalog, SnapshotStore {
  private readonly chains: UpcasterChains;

  constructor(
    private readonly inner: EventStore,
    upcasters: readonly Upcaster[],
  ) {
    this.chains = upcasterChains(upcasters);
  }

  /** The newest schema version this store writes for `eventType` (1 when no upcaster exists). */
  currentVersionOf(eventType: string): number {
    return (this.chains.get(eventType)?.length ?? 0) + 1;
  }

  /**
   * Lifts one stored event to the newest shape (used by exports and tools reading raw rows); a
   * version the code does not know throws `UnknownSchemaVersionError`.
   */
  upcast<E extends DomainEvent>(event: ApplicationEvent): ApplicationEvent<E> {
    const current = this.requireKnown(event.type, event.schemaVersion, event.id);
    if (event.schemaVersion === current) return event as ApplicationEvent<E>;
    const chain = this.chains.get(event.type)!;
    return chain.slice(event.schemaVersion - 1).reduce(
      (lifted, upcaster) => ({ ...lifted, data: upcaster.upcast(lifted.data, lifted), schemaVersion: upcaster.fromVersion + 1 }) as ApplicationEvent,
      event,
    ) as ApplicationEvent<E>;
  }

  async readStream<E extends DomainEvent = DomainEvent>(streamName: StreamName): Promise<ReadStreamResult<E>> {
    const result = await this.inner.readStream(streamName);
    return { ...result, events: result.events.map((event) => this.upcast<E>(event)) };
  }

  /**
   * Stores each event at the newest version of its type. An event that states its version keeps
   * it (a tool re-appending data of an older shape), so it is lifted like any other on reads; one
   * newer than the code knows is refused before anything is stored.
   */
  async appendToStream<E extends DomainEvent = DomainEvent>(
    streamName: StreamName,
    events: readonly EventToAppend<E>[],
    options: Readonly<{ expectedVersion: ExpectedVersion }>,
  ): Promise<AppendResult<E>> {
    const stamped = events.map((event) => this.stamped(event));
    const result = await this.inner.appendToStream<E>(streamName, stamped, options);
    return { ...result, events: result.events.map((event) => this.upcast<E>(event)) };
  }

  /** Over a store without snapshots, reads the whole stream and saves nothing. */
  async readStreamFromSnapshot<E extends DomainEvent = DomainEvent>(streamName: StreamName, kind: SnapshotKind): Promise<ReadFromSnapshotResult<E>> {
    const result = hasSnapshotStore(this.inner) ? await this.inner.readStreamFromSnapshot(streamName, kind) : await this.inner.readStream(streamName);
    return { ...result, events: result.events.map((event) => this.upcast<E>(event)) };
  }

  async saveSnapshot(streamName: StreamName, kind: SnapshotKind, snapshot: Snapshot, options?: SaveSnapshotOptions): Promise<void> {
    if (hasSnapshotStore(this.inner)) await this.inner.saveSnapshot(streamName, kind, snapshot, options);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const page = await this.inner.readAll(options);
    return { ...page, events: page.events.map((event) => this.upcast(event)) };
  }

  /** Fails with `CorrelationReadUnsupportedError` when the inner store cannot read by correlation id. */
  async readByCorrelationId(correlationId: string): Promise<ApplicationEvent[]> {
    const events = await readByCorrelationId(this.inner, correlationId);
    return events.map((event) => this.upcast(event));
  }

  /** The catalog methods fail with `StreamCatalogUnsupportedError` when the inner store has none. */
  async listCategories(): Promise<StreamCategorySummary[]> {
    return streamCatalogOf(this.inner).listCategories();
  }

  async listStreams(options: ListStreamsOptions): Promise<StreamSummary[]> {
    return streamCatalogOf(this.inner).listStreams(options);
  }

  async readStreamPage<E extends DomainEvent = DomainEvent>(streamName: StreamName, options: ReadStreamPageOptions): Promise<StreamPage<E>> {
    const page = await streamCatalogOf(this.inner).readStreamPage(streamName, options);
    return { ...page, events: page.events.map((event) => this.upcast<E>(event)) };
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

  private stamped<E extends DomainEvent>(event: EventToAppend<E>): EventToAppend<E> {
    if (event.schemaVersion !== undefined) {
      this.requireKnown(event.type, event.schemaVersion, event.id);
      return event;
    }
    const current = this.currentVersionOf(event.type);
    // The adapters store version 1 when none is given: no copy for the types that never changed.
    return current === 1 ? event : { ...event, schemaVersion: current };
  }

  /** The newest version of the type, when `schemaVersion` is one of its versions. */
  private requireKnown(eventType: string, schemaVersion: number, eventId: string): number {
    const current = this.currentVersionOf(eventType);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
      throw new UnknownSchemaVersionError(eventType, schemaVersion, current, eventId);
    }
    return current;
  }
}
