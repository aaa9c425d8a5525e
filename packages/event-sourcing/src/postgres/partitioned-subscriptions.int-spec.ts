import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventToAppend } from '../core/events';
import { LOG_START } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { partitionOfStream } from '../core/stream-partition';
import type { EventsSubscription } from '../subscriptions/events-subscription';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { postgresTestEventStore, type PostgresTestEventStore } from '../testing/postgres/test-event-store.fixture';
import type { PostgresEventStore } from './postgres-event-store';
import { PostgresSubscriptionStore } from './postgres-subscription-store';
import type { SqlClient, SqlExecutor } from './sql-client';

const fast = { pollIntervalMs: 200, standbyRetryMs: 50, retryBaseDelayMs: 5, retryMaxDelayMs: 10, maxAttempts: 3 };

function itemAdded(n: number): EventToAppend {
  return { type: 'ItemAdded', data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

describe('partitioned subscriptions on PostgreSQL', () => {
  let fixture: PostgresTestEventStore;
  let client: SqlClient;
  let eventStore: PostgresEventStore;
  const stores: PostgresSubscriptionStore[] = [];
  const running: EventsSubscription<SqlExecutor>[] = [];

  beforeAll(async () => {
    fixture = await postgresTestEventStore();
    ({ client, store: eventStore } = fixture);
    await client.executeScript(`
      CREATE TABLE items (subscription_id text NOT NULL, event_id uuid NOT NULL, PRIMARY KEY (subscription_id, event_id));
      CREATE TABLE initializations (subscription_id text NOT NULL);`);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(() => fixture.dispose());

  /** A factory as one instance of the application has it: a subscription store (and lock connection) of its own. */
  function instance(): EventsSubscriptionsFactory<SqlExecutor> {
    const store = new PostgresSubscriptionStore(client);
    stores.push(store);
    return new EventsSubscriptionsFactory(eventStore, store, fast);
  }

  function projection(factory: EventsSubscriptionsFactory<SqlExecutor>, subscriptionId: string, partitions: number) {
    const subscription = factory
      .subscription(subscriptionId)
      .withOptions({ partitions })
      .onInitialPosition(async (tx) => {
        await tx.query('DELETE FROM items WHERE subscription_id = $1', [subscriptionId]);
        await tx.query('INSERT INTO initializations VALUES ($1)', [subscriptionId]);
      })
      .onEvent('ItemAdded', async (event, tx) => {
        await tx.query('INSERT INTO items VALUES ($1, $2)', [subscriptionId, event.id]);
      })
      .build();
    running.push(subscription);
    return subscription;
  }

  async function appendToStreams(category: string, streams: number): Promise<void> {
    for (let stream = 0; stream < streams; stream++) {
      await eventStore.appendToStream(StreamName.of(category, String(stream)), [itemAdded(stream)], { expectedVersion: ANY });
    }
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const { rows } = await client.query<{ n: number }>(sql, params);
    return rows[0]!.n;
  }

  it('given a partition filter, then the log read in SQL returns exactly the streams the hash in code assigns to the partition', async () => {
    await appendToStreams('Hashed', 200);
    const streamsOf = async (index: number) => {
      const page = await eventStore.readAll({ after: LOG_START, limit: 100_000, filter: { categories: ['Hashed'], partition: { index, count: 3 } } });
      return page.events.map((event) => event.streamName).sort();
    };
    for (let index = 0; index < 3; index++) {
      const expected = Array.from({ length: 200 }, (_, stream) => `Hashed_${stream}`).filter((name) => partitionOfStream(name, 3) === index);
      // A transaction open elsewhere on the server hides the new events from log reads for a moment.
      await vi.waitFor(async () => expect(await streamsOf(index)).toEqual(expected.sort()), { timeout: 10_000, interval: 50 });
    }
  });

  it('given announcements of several ages, then an instance learns of the live ones only, and those long gone are deleted', async () => {
    const store = new PostgresSubscriptionStore(client);
    stores.push(store);
    await client.query(
      `INSERT INTO es_subscription_instances (subscription_id, instance_id, held_partitions, announced_at)
       VALUES ('Announced_v1', 'live', 2, now() - interval '1 second'), ('Announced_v1', 'silent', 1, now() - interval '10 seconds'),
              ('Announced_v1', 'gone', 1, now() - interval '2 minutes'), ('Other_v1', 'elsewhere', 3, now())`,
      [],
    );

    const live = await store.announce('Announced_v1', { instanceId: 'me', heldPartitions: 0 }, 5_000);

    expect(live.sort((a, b) => a.instanceId.localeCompare(b.instanceId))).toEqual([
      { instanceId: 'live', heldPartitions: 2 },
      { instanceId: 'me', heldPartitions: 0 },
    ]);
    const { rows } = await client.query<{ instance_id: string }>(
      `SELECT instance_id FROM es_subscription_instances WHERE subscription_id = 'Announced_v1' ORDER BY instance_id`,
      [],
    );
    expect(rows.map((row) => row.instance_id)).toEqual(['live', 'me', 'silent']);
    await store.withdraw('Announced_v1', 'me');
    expect(await count(`SELECT count(*)::integer AS n FROM es_subscription_instances WHERE instance_id = 'me'`, [])).toBe(0);
  });

  it('given two instances sharing three partitions, then caught up on either means every partition, and statuses report the slowest position and what each holds', async () => {
    const first = instance();
    const second = instance();
    const onFirst = projection(first, 'Shared_v1', 3);
    const onSecond = projection(second, 'Shared_v1', 3);
    await onFirst.start();
    await onSecond.start();
    await vi.waitFor(async () => expect((await onSecond.status()).partitions.held.length).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });
    await appendToStreams('Shared', 60);

    await onFirst.caughtUp();

    expect(await count(`SELECT count(*)::integer AS n FROM items WHERE subscription_id = 'Shared_v1'`, [])).toBe(
      await count('SELECT count(*)::integer AS n FROM es_events WHERE type = $1', ['ItemAdded']),
    );
    const [fromFirst] = await first.statuses();
    const [fromSecond] = await second.statuses();
    expect([...fromFirst!.partitions.held, ...fromSecond!.partitions.held].sort()).toEqual([0, 1, 2]);
    expect(fromFirst).toMatchObject({ subscriptionId: 'Shared_v1', active: true, partitions: { count: 3 } });
    const { rows } = await client.query<{ position: string }>(
      `SELECT min(global_position)::text AS position FROM es_subscriptions WHERE subscription_id LIKE 'Shared_v1/partition-%-of-3'`,
      [],
    );
    // Not ahead of any stored checkpoint of a partition the other instance leads.
    expect(fromSecond!.position!.globalPosition).toBeGreaterThanOrEqual(BigInt(rows[0]!.position));
    expect(await count(`SELECT count(*)::integer AS n FROM initializations WHERE subscription_id = 'Shared_v1'`, [])).toBe(1);
  });

  it('given a partitioned projection caught up, when rebuilt, then all its partitions start over together and its table is cleared once', async () => {
    const subscription = projection(instance(), 'Rebuilt_v1', 4);
    await appendToStreams('Rebuilt', 40);
    await subscription.start();
    await subscription.caughtUp();

    await subscription.rebuild();
    await subscription.caughtUp();

    expect(await count(`SELECT count(*)::integer AS n FROM initializations WHERE subscription_id = 'Rebuilt_v1'`, [])).toBe(2);
    expect(await count(`SELECT count(*)::integer AS n FROM items WHERE subscription_id = 'Rebuilt_v1'`, [])).toBe(
      await count('SELECT count(*)::integer AS n FROM es_events WHERE type = $1', ['ItemAdded']),
    );
  });

  it('given an automation reading a partitioned projection, then it handles an event only once every partition of the projection has passed it', async () => {
    const factory = instance();
    const read = projection(factory, 'Looked_v1', 2);
    const missing: string[] = [];
    const automation = factory
      .subscription('WhenItemAddedThenLookItUp_v1')
      .readsFrom('Looked_v1')
      .onEvent('ItemAdded', async (event) => {
        const found = await count(`SELECT count(*)::integer AS n FROM items WHERE subscription_id = 'Looked_v1' AND event_id = $1`, [event.id]);
        if (found === 0) missing.push(event.id);
      })
      .build();
    running.push(automation);
    await automation.start();
    await appendToStreams('Looked', 30);
    // The projection starts late: the automation must wait for both of its partitions.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await read.start();
    await automation.caughtUp();
    expect(missing).toEqual([]);
    expect((await automation.status()).processedEvents).toBeGreaterThanOrEqual(30);
  });
});
