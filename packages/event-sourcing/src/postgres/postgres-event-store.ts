import { ConcurrencyError, DuplicateEventError, InvalidAppendError } from '../core/errors';
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
import { LOG_START, type ApplicationEvent, type DomainEvent, type EventToAppend, type LogPosition } from '../core/events';
import { ANY, describeExpectedVersion, NO_STREAM, STREAM_EXISTS, type ExpectedVersion } from '../core/expected-version';
import { silentLogger, type SdkLogger } from '../core/logger';
import type { StreamName } from '../core/stream-name';
import { AppendNotifier } from './append-notifier';
import { isUniqueViolation, isUnstorableText, translateDriverError } from './database-errors';
import type { SqlClient, SqlSession } from './sql-client';

export const APPEND_CHANNEL = 'es_events_appended';

const EVENT_COLUMNS = `global_position::text AS global_position, transaction_id::text AS transaction_id, event_id, stream_name,
  stream_position, type, data, metadata, occurred_at, schema_version`;

type EventRow = {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_name: string;
  stream_position: string | number;
  type: string;
  data: unknown;
  metadata: unknown;
  occurred_at: Date | string;
  schema_version: number;
};

/**
 * Where the new events' stream positions start. A number is checked against the stream's last event;
 * "no stream" starts at 1; both rely on the unique (stream, position) constraint as the
 * compare-and-set. "Stream exists" and "any" read the current end in the same statement.
 */
function baseVersionQuery(expected: ExpectedVersion): string {
  if (expected === NO_STREAM) return 'SELECT 0::bigint AS version';
  if (expected === ANY) return 'SELECT coalesce(max(stream_position), 0) AS version FROM es_events WHERE stream_name = $1';
  if (expected === STREAM_EXISTS) {
    return 'SELECT max(stream_position) AS version FROM es_events WHERE stream_name = $1 HAVING max(stream_position) IS NOT NULL';
  }
  return 'SELECT $4::bigint AS version WHERE EXISTS (SELECT 1 FROM es_events WHERE stream_name = $1 AND stream_position = $4::bigint)';
}

function appendStatement(expected: ExpectedVersion): string {
  return `
    WITH base AS (${baseVersionQuery(expected)}),
    inserted AS (
      INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at, schema_version)
      SELECT (e->>'id')::uuid, $1, $2, base.version + t.ordinality, e->>'type', e->'data', e->'metadata',
             (e->>'occurredAt')::timestamptz, (e->>'schemaVersion')::integer
      FROM base, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(e, ordinality)
      RETURNING global_position, stream_position, transaction_id
    )
    SELECT global_position::text AS global_position, stream_position, transaction_id::text AS transaction_id
    FROM inserted ORDER BY stream_position`;
}

const READ_ALL_MATCHES = '(($4::jsonb IS NULL OR $4::jsonb ? type) AND ($5::jsonb IS NULL OR $5::jsonb ? category))';
/** Every subscription's page read: one text whatever the filter, so it is prepared once per connection. */
const READ_ALL = {
  // Entries the filter rejects still come back (without their data): they move the reader on.
  text: `SELECT global_position::text AS global_position, transaction_id::text AS transaction_id, event_id, stream_name,
                stream_position, type, occurred_at, schema_version, ${READ_ALL_MATCHES} AS matches,
                CASE WHEN ${READ_ALL_MATCHES} THEN data END AS data, CASE WHEN ${READ_ALL_MATCHES} THEN metadata END AS metadata
         FROM es_events e
         WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
           AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         -- Qualified: the output columns of the same names are text.
         ORDER BY e.transaction_id, e.global_position
         LIMIT $3`,
  preparedAs: 'es_read_all',
};

type AppendVariant = Readonly<{ text: string; preparedAs: string }>;

/**
 * The append's four texts, each prepared once per connection: planning this statement costs the
 * server more than running it, and its plan is the same whatever the parameters.
 */
const APPEND_VARIANTS = {
  noStream: { text: appendStatement(NO_STREAM), preparedAs: 'es_append_no_stream' },
  any: { text: appendStatement(ANY), preparedAs: 'es_append_any' },
  streamExists: { text: appendStatement(STREAM_EXISTS), preparedAs: 'es_append_stream_exists' },
  atVersion: { text: appendStatement(0), preparedAs: 'es_append_at_version' },
} satisfies Record<string, AppendVariant>;

function appendVariant(expected: ExpectedVersion): AppendVariant {
  if (expected === NO_STREAM) return APPEND_VARIANTS.noStream;
  if (expected === ANY) return APPEND_VARIANTS.any;
  if (expected === STREAM_EXISTS) return APPEND_VARIANTS.streamExists;
  return APPEND_VARIANTS.atVersion;
}

const READ_STREAM = {
  text: `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_name = $1 ORDER BY stream_position`,
  preparedAs: 'es_read_stream',
};

/**
 * The event store on PostgreSQL or PGlite. Each append is one statement, so one short implicit
 * transaction; `readAll` is gap-safe: it only returns rows whose transaction is older than every
 * transaction still open, so a slow commit can never be skipped by a reader.
 */
export class PostgresEventStore implements EventStore {
  private readonly listeners = new Set<(notification: AppendNotification) => void>();
  private session: SqlSession | null = null;
  private listening: Promise<void> | null = null;
  private closed = false;
  private readonly notifier: AppendNotifier;

  constructor(
    private readonly client: SqlClient,
    private readonly logger: SdkLogger = silentLogger,
  ) {
    this.notifier = new AppendNotifier(client, APPEND_CHANNEL, logger);
  }

  async readStream<E extends DomainEvent = DomainEvent>(streamName: StreamName): Promise<ReadStreamResult<E>> {
    const { rows } = await this.run(() =>
      this.client.query<EventRow>(READ_STREAM.text, [streamName.toString()], { preparedAs: READ_STREAM.preparedAs }),
    );
    const events = rows.map((row) => toApplicationEvent(row) as ApplicationEvent<E>);
    return { events, currentVersion: events.length === 0 ? 0 : events[events.length - 1]!.streamVersion };
  }

  async appendToStream<E extends DomainEvent = DomainEvent>(
    streamName: StreamName,
    events: readonly EventToAppend<E>[],
    options: Readonly<{ expectedVersion: ExpectedVersion }>,
  ): Promise<AppendResult<E>> {
    if (events.length === 0) throw new InvalidAppendError('Nothing to append: the event list is empty');
    const { expectedVersion } = options;
    if (typeof expectedVersion === 'number' && (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)) {
      throw new InvalidAppendError(`Expected version must be a non-negative integer, got ${expectedVersion}`);
    }
    const name = streamName.toString();
    const payload = JSON.stringify(
      events.map((event) => ({
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        occurredAt: event.occurredAt.toISOString(),
        schemaVersion: event.schemaVersion ?? 1,
      })),
    );
    const effectiveExpectation = expectedVersion === 0 ? NO_STREAM : expectedVersion;
    const statement = appendVariant(effectiveExpectation);
    const params: unknown[] = [name, streamName.category, payload];
    if (typeof effectiveExpectation === 'number') params.push(effectiveExpectation);

    let rows: { global_position: string; stream_position: string | number; transaction_id: string }[];
    try {
      ({ rows } = await this.client.query(statement.text, params, { preparedAs: statement.preparedAs }));
    } catch (error) {
      if (isUniqueViolation(error, 'es_events_stream_position_unique')) {
        throw new ConcurrencyError(name, describeExpectedVersion(expectedVersion));
      }
      if (isUniqueViolation(error, 'es_events_event_id_unique')) throw new DuplicateEventError(events.map((event) => event.id));
      if (isUnstorableText(error)) throw new InvalidAppendError(`Event data of stream "${name}" contains text PostgreSQL cannot store (the NUL character)`);
      throw translateDriverError(error);
    }
    if (rows.length === 0) throw new ConcurrencyError(name, describeExpectedVersion(expectedVersion));

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
    this.notifyLocally({ lastGlobalPosition: last.globalPosition, eventTypes: events.map((event) => event.type) });
    return { nextExpectedVersion: last.streamVersion, lastGlobalPosition: last.globalPosition, events: stored };
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllPage> {
    const eventTypes = options.filter?.eventTypes ? JSON.stringify(options.filter.eventTypes) : null;
    const categories = options.filter?.categories ? JSON.stringify(options.filter.categories) : null;
    const { rows } = await this.run(() =>
      this.client.query<EventRow & { matches: boolean }>(
        READ_ALL.text,
        [options.after.transactionId.toString(), options.after.globalPosition.toString(), options.limit, eventTypes, categories],
        { preparedAs: READ_ALL.preparedAs },
      ),
    );
    const last = rows[rows.length - 1];
    return {
      events: rows.filter((row) => row.matches).map(toApplicationEvent),
      lastScannedPosition: last
        ? { transactionId: BigInt(last.transaction_id), globalPosition: BigInt(last.global_position) }
        : options.after,
      scannedCount: rows.length,
      highestScannedGlobalPosition: rows.reduce((highest, row) => {
        const position = BigInt(row.global_position);
        return position > highest ? position : highest;
      }, 0n),
      isEndOfLog: rows.length < options.limit,
    };
  }

  async backlogAfter(position: LogPosition): Promise<LogBacklog> {
    const { rows } = await this.run(() =>
      this.client.query<{ events: number; oldest: Date | string | null }>(
        `SELECT count(*)::integer AS events, min(occurred_at) AS oldest FROM es_events
         WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)`,
        [position.transactionId.toString(), position.globalPosition.toString()],
      ),
    );
    const row = rows[0]!;
    return { events: row.events, oldestOccurredAt: row.oldest === null ? null : new Date(row.oldest) };
  }

  async endOfLog(): Promise<LogPosition> {
    const { rows } = await this.run(() =>
      this.client.query<{ transaction_id: string; global_position: string }>(
        `SELECT transaction_id::text AS transaction_id, global_position::text AS global_position FROM es_events
         ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
      ),
    );
    const last = rows[0];
    return last ? { transactionId: BigInt(last.transaction_id), globalPosition: BigInt(last.global_position) } : LOG_START;
  }

  /** Also delivers appends made by other processes, through LISTEN on a session of its own. */
  onAppended(listener: (notification: AppendNotification) => void): Unsubscribe {
    this.listeners.add(listener);
    this.listening ??= this.listen(false);
    return () => this.listeners.delete(listener);
  }

  /** Sends the notifications still pending, then stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    await this.notifier.flush();
    const session = this.session;
    this.session = null;
    await session?.release();
  }

  private async listen(reconnecting: boolean): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        const session = await this.client.openSession();
        if (this.closed) return void (await session.release());
        session.onLost((error) => {
          this.logger.warn('Lost the event notification session; reconnecting', { error: error.message });
          this.session = null;
          this.listening = this.listen(true);
        });
        await session.listen(APPEND_CHANNEL, (payload) => this.onNotification(BigInt(payload || '0')));
        this.session = session;
        // Appends may have happened while no one listened: let subscribers look.
        if (reconnecting || attempt > 1) this.notifyLocally({ lastGlobalPosition: 0n });
        return;
      } catch (error) {
        this.logger.warn('Cannot listen for event notifications yet', { error: (error as Error).message, attempt });
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      }
    }
  }

  /** Another process's appends, or this one's coming back: those were told locally, with their types, already. */
  private onNotification(lastGlobalPosition: bigint): void {
    if (!this.notifier.isOwnEcho(lastGlobalPosition)) this.notifyLocally({ lastGlobalPosition });
  }

  private notifyLocally(notification: AppendNotification): void {
    this.listeners.forEach((listener) => listener(notification));
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw translateDriverError(error);
    }
  }
}

function toApplicationEvent(row: EventRow): ApplicationEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: new Date(row.occurred_at),
    streamName: row.stream_name,
    streamVersion: Number(row.stream_position),
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    schemaVersion: row.schema_version,
  } as ApplicationEvent;
}
