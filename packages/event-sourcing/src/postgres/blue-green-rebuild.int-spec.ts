import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Pool } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compareLogPositions, type DomainEvent, type EventToAppend, type LogPosition } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import type { EventsSubscription } from '../subscriptions/events-subscription';
import { DEFAULT_SUBSCRIPTION_OPTIONS, type RebuildStatus } from '../subscriptions/subscription-options';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import type { TestDatabase } from '../testing/postgres/test-database';
import { postgresTestEventStore, type PostgresTestEventStore } from '../testing/postgres/test-event-store.fixture';
import { pgSqlClient } from './pg-sql-client';
import type { PostgresEventStore } from './postgres-event-store';
import { PostgresSubscriptionStore } from './postgres-subscription-store';
import type { SqlClient, SqlExecutor } from './sql-client';

type Noted = DomainEvent<'Noted', { n: number }>;

const fast = { pollIntervalMs: 100, standbyRetryMs: 50, retryBaseDelayMs: 5, retryMaxDelayMs: 10, maxAttempts: 2, batchSize: 100 };

/** Rows the serving read model was given by hand before a rebuild: only the tables it replaces hold them. */
const STALE = -1;

describe('blue/green rebuilds on PostgreSQL', () => {
  let fixture: PostgresTestEventStore;
  let database: TestDatabase;
  let client: SqlClient;
  let eventStore: PostgresEventStore;
  /** Two stores over one database: two application instances. */
  let instanceA: PostgresSubscriptionStore;
  let instanceB: PostgresSubscriptionStore;
  const running: EventsSubscription<SqlExecutor>[] = [];

  beforeAll(async () => {
    fixture = await postgresTestEventStore({ poolSize: 20 });
    ({ database, client, store: eventStore } = fixture);
    instanceA = new PostgresSubscriptionStore(client);
    instanceB = new PostgresSubscriptionStore(client);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop(5_000)));
  });
  afterAll(async () => {
    await instanceA.close();
    await instanceB.close();
    await fixture.dispose();
  });

  const append = (count: number) =>
    eventStore.appendToStream(
      StreamName.of('Note', randomUUID()),
      Array.from({ length: count }, (_, index): EventToAppend<Noted> => ({
        type: 'Noted',
        data: { n: index },
        id: randomUUID(),
        metadata: { correlationId: 'c', causationId: 'x' },
        occurredAt: new Date(),
      })),
      { expectedVersion: ANY },
    );

  /** Appends `perStream` events to each of `streams` new streams, which spread over the partitions. */
  async function appendAcross(streams: number, perStream: number): Promise<void> {
    for (let stream = 0; stream < streams; stream++) await append(perStream);
  }

  type NotesOptions = Readonly<{
    /** Makes its handler throw on that event. */
    failOn?: (event: { id: string }) => boolean;
    /** Makes its handler wait for that event. */
    holdOn?: (event: { id: string }) => Promise<void>;
    partitions?: number;
    onPoisonEvent?: 'stop' | 'park';
    rebuildSwitchTimeoutMs?: number;
  }>;

  /** A read model of one row per event in `table`, numbered by a serial column. */
  async function notes(
    table: string,
    store: PostgresSubscriptionStore,
    { failOn = () => false, holdOn = async () => undefined, partitions = 1, onPoisonEvent = 'stop', rebuildSwitchTimeoutMs = DEFAULT_SUBSCRIPTION_OPTIONS.rebuildSwitchTimeoutMs }: NotesOptions = {},
  ) {
    await client.executeScript(`CREATE TABLE IF NOT EXISTS ${table} (position bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, n integer NOT NULL)`);
    const subscription = new EventsSubscriptionsFactory(eventStore, store, fast)
      .subscription(`${table}_v1`)
      .withOptions({ partitions, onPoisonEvent, rebuildSwitchTimeoutMs })
      .ownsTables(table)
      .onInitialPosition(async (tx) => {
        await tx.query(`DELETE FROM ${table}`);
      })
      .onEvent<Noted>('Noted', async (event, tx) => {
        if (failOn(event)) throw new Error('handler fails on this event');
        await holdOn(event);
        await tx.query(`INSERT INTO ${table} (event_id, n) VALUES ($1, $2)`, [event.id, event.data.n]);
      })
      .build();
    running.push(subscription);
    return subscription;
  }

  const countsOf = async (table: string, reader: Pick<SqlClient, 'query'> = client) => {
    const { rows } = await reader.query<{ total: number; stale: number }>(
      `SELECT count(*)::integer AS total, (count(*) FILTER (WHERE n = ${STALE}))::integer AS stale FROM ${table}`,
    );
    return rows[0]!;
  };

  async function highestPosition(table: string): Promise<bigint> {
    const { rows } = await client.query<{ position: string }>(`SELECT max(position)::text AS position FROM ${table}`);
    return BigInt(rows[0]!.position);
  }

  async function eventsInLog(): Promise<number> {
    const { rows } = await client.query<{ events: number }>("SELECT count(*)::integer AS events FROM es_events WHERE type = 'Noted'");
    return rows[0]!.events;
  }

  async function firstNotedEventId(): Promise<string> {
    return (await firstNotedEvent()).eventId;
  }

  async function firstNotedEvent(): Promise<{ eventId: string; position: LogPosition }> {
    const { rows } = await client.query<{ event_id: string; transaction_id: string; global_position: string }>(
      `SELECT event_id::text AS event_id, transaction_id::text AS transaction_id, global_position::text AS global_position
       FROM es_events WHERE type = 'Noted' ORDER BY global_position LIMIT 1`,
    );
    const row = rows[0]!;
    return { eventId: row.event_id, position: { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) } };
  }

  /** Whether `table` holds exactly one row per event in the log, with its data: what building it from scratch gives. */
  async function rowsMissingOrExtra(table: string): Promise<number> {
    const { rows } = await client.query<{ differing: number }>(
      `SELECT count(*)::integer AS differing FROM (
         (SELECT event_id, (data->>'n')::integer AS n FROM es_events WHERE type = 'Noted' EXCEPT ALL SELECT event_id, n FROM ${table})
         UNION ALL
         (SELECT event_id, n FROM ${table} EXCEPT ALL SELECT event_id, (data->>'n')::integer AS n FROM es_events WHERE type = 'Noted')
       ) AS difference`,
    );
    return rows[0]!.differing;
  }

  it('given another instance leads the live subscription, when one rebuilds it under appends and reads, then readers see the old tables until they see the whole new ones at once', async () => {
    await append(1_000);
    const live = await notes('notes_switch', instanceA);
    await live.start();
    await live.caughtUp();
    await client.query(`UPDATE notes_switch SET n = ${STALE}`);
    const served = await countsOf('notes_switch');

    const rebuilding = await notes('notes_switch', instanceB);
    await rebuilding.rebuild();
    expect(await rebuilding.rebuildStatus()).toMatchObject({ state: expect.stringMatching(/building|switching/) });
    const observed: { total: number; stale: number }[] = [];
    let appending = true;
    const appends = (async () => {
      while (appending) {
        await append(5);
        await sleep(5);
      }
    })();
    const numberedBefore = await highestPosition('notes_switch');
    for (let status = await rebuilding.rebuildStatus(); status !== null && status.state !== 'failed'; status = await rebuilding.rebuildStatus()) {
      observed.push(await countsOf('notes_switch'));
    }
    await rebuilding.rebuilt();
    appending = false;
    await appends;
    await live.caughtUp();

    const beforeSwitch = observed.filter((counts) => counts.stale > 0);
    const afterSwitch = observed.filter((counts) => counts.stale === 0);
    expect(beforeSwitch.length).toBeGreaterThan(0);
    // Every stale row until the switch, none after: never a mix, never a partly built table.
    expect(beforeSwitch.every((counts) => counts.stale === served.stale)).toBe(true);
    expect(afterSwitch.every((counts) => counts.total >= served.total)).toBe(true);
    expect(observed.map((counts) => counts.total)).toEqual([...observed.map((counts) => counts.total)].sort((a, b) => a - b));
    // The live instance carries on in the new table, numbering rows with its own sequence, once per event.
    expect(await countsOf('notes_switch')).toEqual({ total: await eventsInLog(), stale: 0 });
    await append(2);
    await live.caughtUp();
    expect(await countsOf('notes_switch')).toEqual({ total: await eventsInLog(), stale: 0 });
    // Numbered past every number handed out before, as a rebuild in place would: a reader's cursor never sees a number again.
    const { rows: lowest } = await client.query<{ position: string }>('SELECT min(position)::text AS position FROM notes_switch');
    expect(BigInt(lowest[0]!.position)).toBeGreaterThan(numberedBefore);
    const { rows: schemas } = await client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild_%' OR nspname LIKE 'retired_%'");
    expect(schemas).toEqual([]);
  });

  it('given a handler that fails only in the rebuild, then the rebuild fails visibly, the old tables keep serving and following the log, and a retry switches', async () => {
    await client.query("DELETE FROM es_events WHERE type = 'Noted'");
    await append(50);
    const poison = await firstNotedEventId();
    let failing = false;
    const live = await notes('notes_failing', instanceA, { failOn: (event) => failing && event.id === poison });
    await live.start();
    await live.caughtUp();
    await client.query(`UPDATE notes_failing SET n = ${STALE}`);

    failing = true;
    await live.rebuild();
    await expect(live.rebuilt()).rejects.toThrow(/failed/);
    expect(await live.rebuildStatus()).toMatchObject({ state: 'failed', lastError: expect.stringContaining('handler fails on this event') });
    expect(await countsOf('notes_failing')).toEqual({ total: 50, stale: 50 });
    await append(3);
    await live.caughtUp();
    expect(await countsOf('notes_failing')).toEqual({ total: 53, stale: 50 });
    expect((await live.status()).state).toBe('live');

    failing = false;
    await live.rebuild();
    await live.rebuilt();
    await live.caughtUp();
    expect(await countsOf('notes_failing')).toEqual({ total: 53, stale: 0 });
    expect(await live.rebuildStatus()).toBeNull();
  });

  it('given a rebuild building in one instance, then another instance reports it building and refuses to start a second one', async () => {
    await append(20);
    const first = await firstNotedEventId();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const building = await notes('notes_held', instanceA, { holdOn: (event) => (holding && event.id === first ? released : Promise.resolve()) });
    await building.start();
    await building.caughtUp();
    const elsewhere = await notes('notes_held', instanceB);

    holding = true;
    await building.rebuild();
    try {
      await expect.poll(async () => (await elsewhere.rebuildStatus())?.state, { timeout: 10_000 }).toBe('building');
      await expect(elsewhere.rebuild()).rejects.toMatchObject({ code: 'REBUILD_UNDER_WAY' });
    } finally {
      release();
    }
    await building.rebuilt();
    expect(await elsewhere.rebuildStatus()).toBeNull();
  });

  it('given what a rebuild leaves when its process ends (its checkpoint and copies, no lease), then it is reported failed, the old tables serve, and a new rebuild starts over and switches', async () => {
    await append(10);
    const live = await notes('notes_orphaned', instanceA);
    await live.start();
    await live.caughtUp();
    await client.query(`UPDATE notes_orphaned SET n = ${STALE}`);
    const served = await countsOf('notes_orphaned');
    await client.executeScript(`INSERT INTO es_subscriptions (subscription_id) VALUES ('notes_orphaned_v1:rebuild');
      CREATE SCHEMA rebuild_notes_orphaned_v1_rebuild; CREATE TABLE rebuild_notes_orphaned_v1_rebuild.notes_orphaned (LIKE notes_orphaned INCLUDING ALL);`);

    expect(await live.rebuildStatus()).toMatchObject({ state: 'failed', lastError: expect.stringContaining('ended before it switched') });
    expect(await countsOf('notes_orphaned')).toEqual(served);

    await live.rebuild();
    await live.rebuilt();
    expect(await countsOf('notes_orphaned')).toEqual({ total: served.total, stale: 0 });
    expect(await live.rebuildStatus()).toBeNull();
  });

  it('given a statement prepared by name before the switch, then executing it after the switch reads the new table', async () => {
    await append(10);
    const live = await notes('notes_prepared', instanceA);
    await live.start();
    await live.caughtUp();
    await client.query(`UPDATE notes_prepared SET n = ${STALE}`);
    const reader = new Client({ connectionString: database.url });
    await reader.connect();
    try {
      const staleRows = async () =>
        (await reader.query<{ stale: number }>({ name: 'stale_notes', text: `SELECT count(*)::integer AS stale FROM notes_prepared WHERE n = $1`, values: [STALE] })).rows[0]!.stale;
      expect(await staleRows()).toBeGreaterThan(0);
      await live.rebuild();
      await live.rebuilt();
      expect(await staleRows()).toBe(0);
    } finally {
      await reader.end();
    }
  });

  it('given a subscription that declares no tables, then a rebuild resets and replays it as before', async () => {
    const subscription = new EventsSubscriptionsFactory(eventStore, instanceA, fast).subscription(`Undeclared_${randomUUID()}`).onEvent('Noted', () => undefined).build();
    expect(subscription.rebuildsBlueGreen).toBe(false);
    expect(await subscription.rebuildStatus()).toBeNull();
  });

  it('given a subscription that declares its tables, then it rebuilds blue/green whether it runs as one partition or several, unless its handlers act outside the checkpoint transaction', async () => {
    const factory = new EventsSubscriptionsFactory(eventStore, instanceA, fast);
    const declared = (partitions: number, transactionalHandlers: boolean) =>
      factory
        .subscription(`Partitioned_${randomUUID()}`)
        .withOptions({ partitions, transactionalHandlers })
        .ownsTables('notes')
        .onEvent('Noted', () => undefined)
        .build();
    expect(declared(1, true).rebuildsBlueGreen).toBe(true);
    expect(declared(4, true).rebuildsBlueGreen).toBe(true);
    // An automation's effects cannot be redirected to copies: it is reset and replayed.
    expect(declared(4, false).rebuildsBlueGreen).toBe(false);
  });

  it('given a read model run as three partitions, when it is rebuilt under appends and reads from another pool, then no read fails, none sees it emptied or shrinking, and it ends as one built from scratch', async () => {
    await appendAcross(150, 5);
    const live = await notes('notes_partitioned', instanceA, { partitions: 3 });
    expect(live.rebuildsBlueGreen).toBe(true);
    await live.start();
    await live.caughtUp();
    await client.query(`UPDATE notes_partitioned SET n = ${STALE}`);
    const served = await countsOf('notes_partitioned');

    const readerPool = new Pool({ connectionString: database.url, max: 2 });
    const reader = pgSqlClient(readerPool);
    const observed: { total: number; stale: number }[] = [];
    const progress: RebuildStatus[] = [];
    let failedReads = 0;
    let running = true;
    const appends = (async () => {
      while (running) {
        await append(3);
        await sleep(5);
      }
    })();
    const reads = (async () => {
      while (running) {
        await countsOf('notes_partitioned', reader).then(
          (counts) => observed.push(counts),
          () => (failedReads += 1),
        );
      }
    })();
    try {
      await live.rebuild();
      for (let status = await live.rebuildStatus(); status?.state === 'building'; status = await live.rebuildStatus()) progress.push(status);
      await live.rebuilt();
      await live.caughtUp();
    } finally {
      running = false;
      await Promise.all([appends, reads]);
      await readerPool.end();
    }
    await live.caughtUp();

    expect(failedReads).toBe(0);
    // Every stale row until the switch, none after: never a mix, never an empty or partly built table.
    expect(observed.every((counts) => counts.stale === served.stale || counts.stale === 0)).toBe(true);
    expect(observed.filter((counts) => counts.stale > 0).length).toBeGreaterThan(0);
    expect(observed.filter((counts) => counts.stale === 0).length).toBeGreaterThan(0);
    expect(observed.every((counts) => counts.total >= served.total)).toBe(true);
    expect(observed.map((counts) => counts.total)).toEqual([...observed.map((counts) => counts.total)].sort((a, b) => a - b));
    // One row per event, as built from scratch: the unique event id would have failed a second handling.
    expect(await rowsMissingOrExtra('notes_partitioned')).toBe(0);
    // Its progress: the slowest partition's position, and the events after it.
    expect(progress.some((status) => status.position !== null && status.lagEvents > 0)).toBe(true);
    expect(await live.rebuildStatus()).toBeNull();
    const { rows: checkpoints } = await client.query("SELECT subscription_id FROM es_subscriptions WHERE subscription_id LIKE 'notes_partitioned_v1:rebuild%'");
    expect(checkpoints).toEqual([]);
    const { rows: schemas } = await client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild_%' OR nspname LIKE 'retired_%'");
    expect(schemas).toEqual([]);
  });

  it('given two instances sharing three partitions, when one rebuilds, then the other reports its slowest partition, refuses a second rebuild, and its own partitions carry on in the new tables', async () => {
    await appendAcross(60, 2);
    const held = await firstNotedEvent();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const holdOn = (event: { id: string }) => (holding && event.id === held.eventId ? released : Promise.resolve());
    const building = await notes('notes_shared', instanceA, { partitions: 3, holdOn });
    const elsewhere = await notes('notes_shared', instanceB, { partitions: 3 });
    await building.start();
    await elsewhere.start();
    const heldBy = async (subscription: EventsSubscription<SqlExecutor>) => (await subscription.status()).partitions.held.length;
    await expect.poll(async () => [await heldBy(building), await heldBy(elsewhere)], { timeout: 15_000 }).toEqual(expect.arrayContaining([1, 2]));
    await building.caughtUp();
    await client.query(`UPDATE notes_shared SET n = ${STALE}`);

    let appending = true;
    const appends = (async () => {
      while (appending) {
        await append(1);
        await sleep(10);
      }
    })();
    holding = true;
    let processedBySwitch: number;
    try {
      await building.rebuild();
      // The partition of the held event stays before it however far the others get: it is the one reported.
      const behindHeld = (status: { position: LogPosition | null } | null) => status?.position != null && compareLogPositions(status.position, held.position) < 0;
      await expect.poll(async () => elsewhere.rebuildStatus(), { timeout: 10_000 }).toMatchObject({ state: 'building', lastError: null });
      await expect.poll(async () => behindHeld(await elsewhere.rebuildStatus()), { timeout: 10_000 }).toBe(true);
      expect((await elsewhere.rebuildStatus())!.lagEvents).toBeGreaterThan(0);
      expect(behindHeld(await building.rebuildStatus())).toBe(true);
      await expect(elsewhere.rebuild()).rejects.toMatchObject({ code: 'REBUILD_UNDER_WAY' });
      expect((await countsOf('notes_shared')).stale).toBeGreaterThan(0);
      release();
      await building.rebuilt();
      processedBySwitch = (await elsewhere.status()).processedEvents;
      await appendAcross(30, 1);
    } finally {
      release();
      appending = false;
      await appends;
    }
    await building.caughtUp();
    await elsewhere.caughtUp();

    // The other instance kept its partitions and handled events in them after the switch, on the new tables.
    expect(await heldBy(elsewhere)).toBeGreaterThan(0);
    expect((await elsewhere.status()).processedEvents).toBeGreaterThan(processedBySwitch);
    expect((await countsOf('notes_shared')).stale).toBe(0);
    expect(await rowsMissingOrExtra('notes_shared')).toBe(0);
    expect(await elsewhere.rebuildStatus()).toBeNull();
  });

  it('given a partitioned read model whose handler fails in one rebuild partition, then the rebuild fails visibly, the old tables keep serving and following the log, and a retry switches', async () => {
    await client.query("DELETE FROM es_events WHERE type = 'Noted'");
    await appendAcross(30, 2);
    const poison = await firstNotedEventId();
    let failing = false;
    const live = await notes('notes_partitioned_failing', instanceA, { partitions: 3, failOn: (event) => failing && event.id === poison });
    await live.start();
    await live.caughtUp();
    await client.query(`UPDATE notes_partitioned_failing SET n = ${STALE}`);

    failing = true;
    await live.rebuild();
    await expect(live.rebuilt()).rejects.toThrow(/failed/);
    expect(await live.rebuildStatus()).toMatchObject({ state: 'failed', lastError: expect.stringContaining('handler fails on this event') });
    expect(await countsOf('notes_partitioned_failing')).toEqual({ total: 60, stale: 60 });
    await appendAcross(10, 1);
    await live.caughtUp();
    expect(await countsOf('notes_partitioned_failing')).toEqual({ total: 70, stale: 60 });
    expect((await live.status()).state).toBe('live');

    failing = false;
    await live.rebuild();
    await live.rebuilt();
    await live.caughtUp();
    expect(await countsOf('notes_partitioned_failing')).toEqual({ total: 70, stale: 0 });
    expect(await rowsMissingOrExtra('notes_partitioned_failing')).toBe(0);
    expect(await live.rebuildStatus()).toBeNull();
  });

  it('given a partitioned read model with parked events, when it is rebuilt, then the switch replaces them with those the rebuild parked, each under its own live partition, where replaying it works', async () => {
    await appendAcross(20, 1);
    const { rows } = await client.query<{ event_id: string }>("SELECT event_id::text AS event_id FROM es_events WHERE type = 'Noted' ORDER BY global_position LIMIT 2");
    const [parkedLive, parkedInRebuild] = rows.map((row) => row.event_id);
    let failing: string | undefined = parkedLive;
    const live = await notes('notes_parked', instanceA, { partitions: 3, onPoisonEvent: 'park', failOn: (event) => event.id === failing });
    await live.start();
    await live.caughtUp();
    expect((await live.parkedEvents()).map((parked) => parked.eventId)).toEqual([parkedLive]);
    await client.query(`UPDATE notes_parked SET n = ${STALE}`);

    failing = parkedInRebuild;
    await live.rebuild();
    await live.rebuilt();

    // Switched in whole: every event but the one the rebuild parked, none of the serving rows.
    expect(await countsOf('notes_parked')).toEqual({ total: (await eventsInLog()) - 1, stale: 0 });
    expect((await live.parkedEvents()).map((parked) => parked.eventId)).toEqual([parkedInRebuild]);
    failing = undefined;
    expect(await live.replayParked(parkedInRebuild!)).toEqual({ replayed: true });
    expect(await live.parkedEvents()).toEqual([]);
    await live.caughtUp();
    expect(await rowsMissingOrExtra('notes_parked')).toBe(0);
  });

  it('given a live partition whose position the rebuild cannot reach, then the switch gives up within seconds, the live partitions go on and the rebuild is reported failed', async () => {
    await appendAcross(10, 1);
    // Short: the switch's open transaction holds back every subscription's reads on the server, other tests' too.
    const live = await notes('notes_unreachable', instanceA, { partitions: 3, rebuildSwitchTimeoutMs: 1_500 });
    await live.start();
    await live.caughtUp();
    await client.query(`UPDATE notes_unreachable SET n = ${STALE}`);
    const served = await countsOf('notes_unreachable');
    // Stands for a rebuild that cannot get on while the live partitions are paused, e.g. for want of connections.
    await client.query(`UPDATE es_subscriptions SET transaction_id = '1000000000000'::xid8 WHERE subscription_id = 'notes_unreachable_v1/partition-1-of-3'`);

    await live.rebuild();
    await expect(live.rebuilt()).rejects.toThrow(/did not reach the paused live position within 1\.5 s; is the connection pool too small\?/);

    expect(await live.rebuildStatus()).toMatchObject({ state: 'failed' });
    expect(await countsOf('notes_unreachable')).toEqual(served);
    await appendAcross(10, 1);
    await live.caughtUp();
    expect((await countsOf('notes_unreachable')).total).toBeGreaterThan(served.total);
  });
});
