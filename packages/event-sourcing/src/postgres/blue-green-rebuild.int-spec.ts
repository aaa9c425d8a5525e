import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import type { EventsSubscription } from '../subscriptions/events-subscription';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { createTestDatabase, type TestDatabase } from '../testing/postgres/test-database';
import { migrateEventStore } from './migrations';
import { pgSqlClient } from './pg-sql-client';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresSubscriptionStore } from './postgres-subscription-store';
import type { SqlClient, SqlExecutor } from './sql-client';

type Noted = DomainEvent<'Noted', { n: number }>;

const fast = { pollIntervalMs: 100, standbyRetryMs: 50, retryBaseDelayMs: 5, retryMaxDelayMs: 10, maxAttempts: 2, batchSize: 100 };

/** Rows the serving read model was given by hand before a rebuild: only the tables it replaces hold them. */
const STALE = -1;

describe('blue/green rebuilds on PostgreSQL', () => {
  let database: TestDatabase;
  let client: SqlClient;
  let eventStore: PostgresEventStore;
  /** Two stores over one database: two application instances. */
  let instanceA: PostgresSubscriptionStore;
  let instanceB: PostgresSubscriptionStore;
  const running: EventsSubscription<SqlExecutor>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 20 });
    client = pgSqlClient(database.pool);
    await migrateEventStore(client);
    eventStore = new PostgresEventStore(client);
    instanceA = new PostgresSubscriptionStore(client);
    instanceB = new PostgresSubscriptionStore(client);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop(5_000)));
  });
  afterAll(async () => {
    await eventStore.close();
    await instanceA.close();
    await instanceB.close();
    await database.drop();
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

  /** A read model of one row per event in `table`, numbered by a serial column; `failOn` makes its handler throw on that event, `holdOn` wait for it. */
  async function notes(
    table: string,
    store: PostgresSubscriptionStore,
    failOn: (event: { id: string }) => boolean = () => false,
    holdOn: (event: { id: string }) => Promise<void> = async () => undefined,
  ) {
    await client.executeScript(`CREATE TABLE IF NOT EXISTS ${table} (position bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, n integer NOT NULL)`);
    const subscription = new EventsSubscriptionsFactory(eventStore, store, fast)
      .subscription(`${table}_v1`)
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

  const countsOf = async (table: string) => {
    const { rows } = await client.query<{ total: number; stale: number }>(
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
    const { rows } = await client.query<{ event_id: string }>("SELECT event_id::text AS event_id FROM es_events WHERE type = 'Noted' ORDER BY global_position LIMIT 1");
    return rows[0]!.event_id;
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
    const live = await notes('notes_failing', instanceA, (event) => failing && event.id === poison);
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
    const building = await notes('notes_held', instanceA, () => false, (event) => (holding && event.id === first ? released : Promise.resolve()));
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

  it('given a subscription that declares its tables but runs as partitions, then a rebuild resets and replays it: the switch moves one checkpoint', async () => {
    const factory = new EventsSubscriptionsFactory(eventStore, instanceA, fast);
    const declared = (partitions: number) =>
      factory.subscription(`Partitioned_${randomUUID()}`).withOptions({ partitions }).ownsTables('notes').onEvent('Noted', () => undefined).build();
    expect(declared(1).rebuildsBlueGreen).toBe(true);
    expect(declared(4).rebuildsBlueGreen).toBe(false);
  });
});
