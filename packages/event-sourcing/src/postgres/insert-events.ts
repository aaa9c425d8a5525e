import { ConcurrencyError, DuplicateEventError, InvalidAppendError } from '../core/errors';
import type { EventToAppend } from '../core/events';
import { describeExpectedVersion, NO_STREAM, type ExpectedVersion } from '../core/expected-version';
import type { StreamName } from '../core/stream-name';
import { isUniqueViolation, isUnstorableText, translateDriverError } from './database-errors';
import { appendStatementFor, type AppendedRow } from './event-store-statements';
import type { SqlExecutor } from './sql-client';

/**
 * Inserts the events at the end of the stream with one statement on `executor`: the pool, or a
 * transaction that must record an append together with other work. Returns the stored rows in order.
 */
export async function insertEvents(
  executor: SqlExecutor,
  streamName: StreamName,
  events: readonly EventToAppend[],
  expectedVersion: ExpectedVersion,
): Promise<AppendedRow[]> {
  assertAppendable(events, expectedVersion);
  const name = streamName.toString();
  const effectiveExpectation = expectedVersion === 0 ? NO_STREAM : expectedVersion;
  const statement = appendStatementFor(effectiveExpectation);
  const params: unknown[] = [name, streamName.category, eventsPayload(events)];
  if (typeof effectiveExpectation === 'number') params.push(effectiveExpectation);

  let rows: AppendedRow[];
  try {
    ({ rows } = await executor.query<AppendedRow>(statement.text, params, { preparedAs: statement.preparedAs }));
  } catch (error) {
    throw appendFailure(error, name, events, expectedVersion);
  }
  if (rows.length === 0) throw new ConcurrencyError(name, describeExpectedVersion(expectedVersion));
  return rows;
}

export function assertAppendable(events: readonly EventToAppend[], expectedVersion: ExpectedVersion): void {
  if (events.length === 0) throw new InvalidAppendError('Nothing to append: the event list is empty');
  if (typeof expectedVersion === 'number' && (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)) {
    throw new InvalidAppendError(`Expected version must be a non-negative integer, got ${expectedVersion}`);
  }
}

/** The events as the JSON array the append statements insert from. */
export function eventsPayload(events: readonly EventToAppend[]): string {
  return JSON.stringify(
    events.map((event) => ({
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      occurredAt: event.occurredAt.toISOString(),
      schemaVersion: event.schemaVersion ?? 1,
    })),
  );
}

/** What an append statement's error means to the caller: a lost race, a repeated event, text PostgreSQL refuses, or the store down. */
function appendFailure(error: unknown, streamName: string, events: readonly EventToAppend[], expectedVersion: ExpectedVersion): unknown {
  if (isUniqueViolation(error, 'es_events_stream_position_unique')) return new ConcurrencyError(streamName, describeExpectedVersion(expectedVersion));
  if (isUniqueViolation(error, 'es_events_event_id_unique')) return new DuplicateEventError(events.map((event) => event.id));
  if (isUnstorableText(error)) return new InvalidAppendError(`Event data of stream "${streamName}" contains text PostgreSQL cannot store (the NUL character)`);
  return translateDriverError(error);
}
