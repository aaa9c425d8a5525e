import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, DuplicateEventError, InvalidAppendError } from '../core/errors';
import type { AppendResult } from '../core/event-store';
import { NO_STREAM, type ExpectedVersion } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { counted } from '../testing/event-store-contract';
import { postgresTestEventStore, type PostgresTestEventStore } from '../testing/postgres/test-event-store.fixture';
import { APPEND_BATCH, appendStatementFor } from './event-store-statements';
import { PostgresEventStore } from './postgres-event-store';
import type { SqlClient } from './sql-client';

/**
 * Group commit on a real PostgreSQL. The first append of a burst is held until the rest has queued
 * behind it (one batch in flight), so the rest is one batch for sure, not by timing luck.
 */
describe('PostgreSQL event store: concurrent appends written as one batch', () => {
  let postgres: PostgresTestEventStore;
  let heldClient: HeldBatches;
  let store: PostgresEventStore;

  beforeAll(async () => {
    postgres = await postgresTestEventStore();
    heldClient = holdingFirstAppend(postgres.client);
    store = new PostgresEventStore(heldClient.client, undefined, { maxInFlight: 1, maxBatchSize: 100 });
  });
  afterAll(async () => {
    await store.close();
    await postgres.dispose();
  });

  /** Starts the appends in order; all but the first wait for the first's batch, then go as one. */
  async function burst(appends: readonly (() => Promise<AppendResult>)[]): Promise<PromiseSettledResult<AppendResult>[]> {
    // An append resolves just before its batch frees the slot: let an earlier one's slot free first.
    await new Promise(setImmediate);
    const release = heldClient.holdNext();
    const outcomes = Promise.allSettled(appends.map((append) => append()));
    release();
    return outcomes;
  }

  const appendTo = (stream: StreamName, events: number, expectedVersion: ExpectedVersion) => () =>
    store.appendToStream(stream, Array.from({ length: events }, (_, n) => counted(n + 1)), { expectedVersion });

  it('given appends of several events to 30 streams at once, then each stream holds its own events in order, positions follow the log, and one statement wrote all but the first', async () => {
    const streams = Array.from({ length: 30 }, () => StreamName.of('Batched', randomUUID()));
    await store.appendToStream(streams[0]!, [counted(0)], { expectedVersion: NO_STREAM });

    const outcomes = await burst(streams.map((stream, index) => (index === 0 ? appendTo(stream, 2, 1) : appendTo(stream, (index % 3) + 1, NO_STREAM))));

    expect(outcomes.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(heldClient.batchSizes.slice(-2)).toEqual([1, 29]);
    for (const [index, stream] of streams.entries()) {
      const { events } = await store.readStream(stream);
      const result = (outcomes[index] as PromiseFulfilledResult<AppendResult>).value;
      const expectedCount = index === 0 ? 3 : (index % 3) + 1;
      expect(events.map((event) => event.streamVersion)).toEqual(Array.from({ length: expectedCount }, (_, n) => n + 1));
      // What the append returned is what was stored.
      expect(result.events.map((event) => [event.id, event.streamVersion, event.globalPosition])).toEqual(
        events.slice(-result.events.length).map((event) => [event.id, event.streamVersion, event.globalPosition]),
      );
      const positions = events.map((event) => event.globalPosition);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    }
  });

  it('given one append of a batch at a version its stream has passed, then only that one fails with ConcurrencyError, and the others are stored', async () => {
    const moved = StreamName.of('Batched', randomUUID());
    await store.appendToStream(moved, [counted(1), counted(2)], { expectedVersion: NO_STREAM });
    const others = Array.from({ length: 5 }, () => StreamName.of('Batched', randomUUID()));

    // At version 3 the stream has no event yet: the statement inserts nothing for it.
    const outcomes = await burst([appendTo(others[0]!, 1, NO_STREAM), appendTo(moved, 1, 3), ...others.slice(1).map((stream) => appendTo(stream, 1, NO_STREAM))]);

    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) });
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    expect((await store.readStream(moved)).currentVersion).toBe(2);
    for (const stream of others) expect((await store.readStream(stream)).currentVersion).toBe(1);
  });

  it.each([
    ['a race lost to another writer on the unique position', 'race'],
    ['an event id stored before', 'duplicate'],
    ['text PostgreSQL cannot store (NUL)', 'nul'],
  ] as const)('given one append of a batch with %s, which fails the whole statement, then that append alone fails and the rest of the batch is stored', async (_, kind) => {
    const others = Array.from({ length: 4 }, () => StreamName.of('Batched', randomUUID()));
    const failing = StreamName.of('Batched', randomUUID());
    await store.appendToStream(failing, [counted(1)], { expectedVersion: NO_STREAM });
    const stored = await store.readStream(failing);
    const rival = StreamName.of('Batched', randomUUID());

    const failingAppend = {
      // Version 0 of a stream that exists: the insert at position 1 meets the stored event.
      race: () => store.appendToStream(failing, [counted(2)], { expectedVersion: NO_STREAM }),
      duplicate: () => store.appendToStream(rival, [{ ...counted(2), id: stored.events[0]!.id }], { expectedVersion: NO_STREAM }),
      nul: () => store.appendToStream(rival, [{ ...counted(2), data: { n: 2, text: 'a\u0000b' } } as never], { expectedVersion: NO_STREAM }),
    }[kind];
    const outcomes = await burst([appendTo(others[0]!, 1, NO_STREAM), appendTo(others[1]!, 2, NO_STREAM), failingAppend, ...others.slice(2).map((stream) => appendTo(stream, 1, NO_STREAM))]);

    const expectedError = { race: ConcurrencyError, duplicate: DuplicateEventError, nul: InvalidAppendError }[kind];
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: expect.any(expectedError) });
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(4);
    // The first alone, the batch of four, then each of the four again alone.
    expect(heldClient.batchSizes.slice(-6)).toEqual([1, 4, 1, 1, 1, 1]);
    expect((await store.readStream(failing)).currentVersion).toBe(1);
    expect((await store.readStream(rival)).currentVersion).toBe(0);
    for (const [index, stream] of others.entries()) expect((await store.readStream(stream)).currentVersion).toBe(index === 1 ? 2 : 1);
  });

  it('given two appends to one stream at the same version in a burst, then they go in different batches: one wins, the other gets ConcurrencyError, and the rest of the burst is stored', async () => {
    const contested = StreamName.of('Batched', randomUUID());
    const others = Array.from({ length: 3 }, () => StreamName.of('Batched', randomUUID()));

    const outcomes = await burst([appendTo(others[0]!, 1, NO_STREAM), appendTo(contested, 1, NO_STREAM), appendTo(contested, 1, NO_STREAM), appendTo(others[1]!, 1, NO_STREAM), appendTo(others[2]!, 1, NO_STREAM)]);

    expect(outcomes[1]!.status).toBe('fulfilled');
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) });
    expect(heldClient.batchSizes.slice(-3)).toEqual([1, 3, 1]);
    expect((await store.readStream(contested)).currentVersion).toBe(1);
    for (const stream of others) expect((await store.readStream(stream)).currentVersion).toBe(1);
  });
});

type HeldBatches = Readonly<{
  client: SqlClient;
  /** The number of appends in each append statement sent, in order: 1 for an append written alone. */
  batchSizes: number[];
  /** Holds the next statement until the returned function is called. */
  holdNext(): () => void;
}>;

const SINGLE_APPENDS = new Set([appendStatementFor(NO_STREAM).text, appendStatementFor(1).text]);

function holdingFirstAppend(client: SqlClient): HeldBatches {
  const batchSizes: number[] = [];
  let hold: Promise<void> | null = null;
  return {
    batchSizes,
    holdNext: () => {
      let release!: () => void;
      hold = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    client: {
      ...client,
      query: async (text, params, options) => {
        if (text === APPEND_BATCH.text) batchSizes.push((params![0] as unknown[]).length);
        if (SINGLE_APPENDS.has(text)) batchSizes.push(1);
        const held = hold;
        hold = null;
        await held;
        return client.query(text, params, options);
      },
    },
  };
}
