import type { CorrelatedEventsReader } from '../core/correlated-events';
import {
  EXACT_BACKLOG_LIMIT,
  type AppendNotification,
  type AppendResult,
  type EventStore,
  type LogBacklog,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamResult,
  type Unsubscribe,
} from '../core/event-store';
import { LOG_START, type ApplicationEvent, type DomainEvent, type EventToAppend, type LogPosition } from '../core/events';
import {
  assertPageOptions,
  type ListStreamsOptions,
  type ReadStreamPageOptions,
  type StreamCatalog,
  type StreamCategorySummary,
  type StreamPage,
  type StreamSummary,
} from '../core/stream-catalog';
import { NO_STREAM, type ExpectedVersion } from '../core/expected-version';
import { silentLogger, type SdkLogger } from '../core/logger';
import type { ReadFromSnapshotResult, SaveSnapshotOptions, Snapshot, SnapshotKind, SnapshotStore } from '../core/snapshots';
import type { StreamName } from '../core/stream-name';
import { AppendBatcher, DEFAULT_APPEND_BATCHING, type AppendBatcherOptions } from './append-batcher';
import { AppendListener } from './append-listener';
import { AppendNotifier } from './append-notifier';
import { translatingDriverErrors } from './database-errors';
import {
  BACKLOGS_AFTER,
  END_OF_LOG,
  LIST_CATEGORIES,
  LIST_STREAMS,
  READ_ALL,
  READ_ALL_SPARSE,
  READ_BY_CORRELATION_ID,
  READ_STREAM,
  READ_STREAM_FROM_SNAPSHOT,
  READ_STREAM_PAGE,
  SAVE_SNAPSHOT,
  toApplicationEvent,
  toLogPosition,
  type EventRow,
  type LogPositionRow,
  type MatchedRow,
  type ReadAllRow,
  type SparseReadAllRow,
} from './event-store-statements';
import { assertAppendable, insertEvents } from './insert-events';
import type { SqlClient } from './sql-client';

export const APPEND_CHANNEL = 'es_events_appended';

/**
 * The event store on PostgreSQL or PGlite. Each append is one statement, so one short implicit
 * transaction, which concurrent appends at a version share (`AppendBatcher`); `readAll` is
 * gap-safe: it only returns rows whose transaction is older than every transaction still open, so
 * a slow commit can never be skipped by a reader.
 */
export class PostgresEventStore implements EventStore, CorrelatedEventsReader, StreamCatalog, SnapshotStore {
  private readonly notifier: AppendNotifier;
  private readonly appendListener: AppendListener;
  /**
   * The filters whose last page the filter mostly rejected: their next page is read sparse. A
   * subscription's pages look like its last one (live, a projection of two types among dozens
   * rejects nearly all; catching up its own events, it accepts nearly all).
   */
  private readonly mostlyRejectingFilters = new Set<string>();

  private readonly batcher: AppendBatcher;

  constructor(
    private readonly client: SqlClient,
    logger: SdkLogger = silentLogger,
    appendBatching: AppendBatcherOptions = DEFAULT_APPEND_BATCHING,
  ) {
    this.batcher = new AppendBatcher(client, appendBatching);
    this.notifier = new AppendNotifier(client, APPEND_CHANNEL, logger);
    this.appendListener = new AppendListener(client, APPEND_CHANNEL, this.notifier, logger);
  }

  async readStream<E extends DomainEvent = DomainEvent>(streamName: StreamName): Promise<ReadStreamResult<E>> {
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<EventRow>(READ_STREAM.text, [streamName.toString()], { preparedAs: READ_STREAM.preparedAs }),
    );
    const events = rows.map((row) => toApplicationEvent(row) as ApplicationEvent<E>);
    return { events, currentVersion: events.length === 0 ? 0 : events[events.length - 1]!.streamVersion };
  }

  async readStreamFromSnapshot<E extends DomainEvent = DomainEvent>(streamName: StreamName, kind: SnapshotKind): Promise<ReadFromSnapshotResult<E>> {
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<{ current_version: string; snapshot_version: string; snapshot_state: unknown } & Partial<EventRow>>(
        READ_STREAM_FROM_SNAPSHOT.text,
        [streamName.toString(), kind.name, kind.schemaVersion],
        { preparedAs: READ_STREAM_FROM_SNAPSHOT.preparedAs },
      ),
    );
    const first = rows[0]!;
    const events = rows.filter((row): row is typeof row & EventRow => row.event_id != null).map((row) => toApplicationEvent(row) as ApplicationEvent<E>);
    const snapshotVersion = Number(first.snapshot_version);
    const snapshot = snapshotVersion > 0 ? { version: snapshotVersion, state: first.snapshot_state } : undefined;
    return { events, currentVersion: Number(first.current_version), ...(snapshot && { snapshot }) };
  }

  async saveSnapshot(streamName: StreamName, kind: SnapshotKind, snapshot: Snapshot, options: SaveSnapshotOptions = {}): Promise<void> {
    await translatingDriverErrors(() =>
      this.client.query(SAVE_SNAPSHOT, [
        streamName.toString(),
        kind.name,
        kind.schemaVersion,
        snapshot.version,
        JSON.stringify(snapshot.state),
        options.skipIfStreamHolds ?? [],
      ]),
    );
  }

  async appendToStream<E extends DomainEvent = DomainEvent>(
    streamName: StreamName,
    events: readonly EventToAppend<E>[],
    options: Readonly<{ expectedVersion: ExpectedVersion }>,
  ): Promise<AppendResult<E>> {
    const { expectedVersion } = options;
    assertAppendable(events, expectedVersion);
    const rows =
      typeof expectedVersion === 'number' || expectedVersion === NO_STREAM
        ? await this.batcher.append({ streamName, events, expectedVersion: expectedVersion === NO_STREAM ? 0 : expectedVersion })
        : await insertEvents(this.client, streamName, events, expectedVersion);
    const name = streamName.toString();

    const stored = events.map((event, index): ApplicationEvent => {
      const row = rows[index]!;
      return {
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        occurredAt: event.occurredAt,
        streamName: name,
        streamVersion: Number(row.stream_position),
        globalPosition: BigInt(row.global_position),
        transactionId: BigInt(row.transaction_id),
        schemaVersion: event.schemaVersion ?? 1,
      } as ApplicationEvent;
    }) as ApplicationEvent<E>[];
    const last = stored[stored.length - 1]!;
    this.notifier.announce(last.globalPosition);
    this.appendListener.notifyLocally({ lastGlobalPosition: last.globalPosition, eventTypes: events.map((event) => event.type) });
    return { nextExpectedVersion: last.streamVersion, lastGlobalPosition: last.globalPosition, events: stored };
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const { filter } = options;
    const eventTypes = filter?.eventTypes ? JSON.stringify(filter.eventTypes) : null;
    const categories = filter?.categories ? JSON.stringify(filter.categories) : null;
    const partition = filter?.partition ?? null;
    // Without a filter every entry matches: nothing to leave out.
    const filtered = eventTypes !== null || categories !== null || partition !== null;
    const filterKey = filtered ? `${eventTypes}|${categories}|${partition?.index}/${partition?.count}` : null;
    const sparse = filterKey !== null && this.mostlyRejectingFilters.has(filterKey);
    const statement = sparse ? READ_ALL_SPARSE : READ_ALL;
    const params = [options.after.transactionId.toString(), options.after.globalPosition.toString(), options.limit, eventTypes, categories, partition?.count ?? null, partition?.index ?? null];
    const { rows } = await translatingDriverErrors(() => this.client.query<ReadAllRow>(statement.text, params, { preparedAs: statement.preparedAs }));
    const page = sparse ? sparsePage(rows as SparseReadAllRow[], options) : densePage(rows, options);
    if (filterKey !== null) {
      if (page.events.length * 2 < page.scannedCount) this.mostlyRejectingFilters.add(filterKey);
      else this.mostlyRejectingFilters.delete(filterKey);
    }
    return page;
  }

  async readByCorrelationId(correlationId: string): Promise<ApplicationEvent[]> {
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<EventRow>(READ_BY_CORRELATION_ID.text, [correlationId], { preparedAs: READ_BY_CORRELATION_ID.preparedAs }),
    );
    return rows.map(toApplicationEvent);
  }

  async listCategories(): Promise<StreamCategorySummary[]> {
    const { rows } = await translatingDriverErrors(() => this.client.query<{ category: string; streams: string; events: string }>(LIST_CATEGORIES));
    return rows.map((row) => ({ category: row.category, streams: Number(row.streams), events: Number(row.events) }));
  }

  async listStreams(options: ListStreamsOptions): Promise<StreamSummary[]> {
    assertPageOptions(options);
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<{ stream_name: string; version: string; last_event_at: Date | string }>(LIST_STREAMS, [
        options.category,
        options.after ?? '',
        options.search ?? '',
        options.limit,
      ]),
    );
    return rows.map((row) => ({ streamName: row.stream_name, version: Number(row.version), lastEventAt: new Date(row.last_event_at) }));
  }

  async readStreamPage<E extends DomainEvent = DomainEvent>(streamName: StreamName, options: ReadStreamPageOptions): Promise<StreamPage<E>> {
    assertPageOptions(options);
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<{ current_version: string } & Partial<EventRow>>(READ_STREAM_PAGE, [streamName.toString(), options.afterVersion, options.limit]),
    );
    const events = rows.filter((row): row is { current_version: string } & EventRow => row.event_id != null).map((row) => toApplicationEvent(row) as ApplicationEvent<E>);
    return { events, currentVersion: Number(rows[0]!.current_version) };
  }

  async backlogAfter(position: LogPosition): Promise<LogBacklog> {
    return (await this.backlogsAfter([position]))[0]!;
  }

  async backlogsAfter(positions: readonly LogPosition[]): Promise<LogBacklog[]> {
    if (positions.length === 0) return [];
    const { rows } = await translatingDriverErrors(() =>
      this.client.query<{ events: number; oldest: Date | string | null; last_global_position: string | null }>(BACKLOGS_AFTER, [
        positions.map((position) => position.transactionId.toString()),
        positions.map((position) => position.globalPosition.toString()),
        EXACT_BACKLOG_LIMIT + 1,
      ]),
    );
    return rows.map((row, index) => {
      const oldestOccurredAt = row.oldest === null ? null : new Date(row.oldest);
      if (row.events <= EXACT_BACKLOG_LIMIT) return { events: row.events, exact: true, oldestOccurredAt };
      const byPositions = BigInt(row.last_global_position ?? '0') - positions[index]!.globalPosition;
      return { events: Math.max(EXACT_BACKLOG_LIMIT + 1, Number(byPositions)), exact: false, oldestOccurredAt };
    });
  }

  async endOfLog(): Promise<LogPosition> {
    const { rows } = await translatingDriverErrors(() => this.client.query<LogPositionRow>(END_OF_LOG));
    const last = rows[0];
    return last ? toLogPosition(last) : LOG_START;
  }

  /** Also delivers appends made by other processes, through LISTEN on a session of its own. */
  onAppended(listener: (notification: AppendNotification) => void): Unsubscribe {
    return this.appendListener.add(listener);
  }

  /** Sends the notifications still pending, then stops listening. */
  async close(): Promise<void> {
    await this.notifier.flush();
    await this.appendListener.close();
  }
}

/** A page of READ_ALL: every entry scanned is a row. */
function densePage(rows: readonly ReadAllRow[], options: ReadAllOptions): ReadAllPage {
  const last = rows[rows.length - 1];
  return {
    events: rows.filter((row): row is MatchedRow => row.matches).map(toApplicationEvent),
    lastScannedPosition: last ? toLogPosition(last) : options.after,
    scannedCount: rows.length,
    highestScannedGlobalPosition: rows.reduce((highest, row) => {
      const position = BigInt(row.global_position);
      return position > highest ? position : highest;
    }, 0n),
    isEndOfLog: rows.length < options.limit,
  };
}

/** A page of READ_ALL_SPARSE: the matched entries and the last one scanned, which carries the page's counts. */
function sparsePage(rows: readonly SparseReadAllRow[], options: ReadAllOptions): ReadAllPage {
  const last = rows[rows.length - 1];
  const scannedCount = last?.scanned_count ?? 0;
  return {
    events: rows.filter((row): row is SparseReadAllRow & MatchedRow => row.matches).map(toApplicationEvent),
    lastScannedPosition: last ? toLogPosition(last) : options.after,
    scannedCount,
    highestScannedGlobalPosition: last ? BigInt(last.highest_global_position) : 0n,
    isEndOfLog: scannedCount < options.limit,
  };
}
