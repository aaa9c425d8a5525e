import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, EventToAppend } from '../core/events';
import { ANY, NO_STREAM } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { migrateEventStore } from './migrations';
import { pgliteSqlClient } from './pglite-sql-client';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresSubscriptionStore } from './postgres-subscription-store';

type Happened = DomainEvent<'Happened', { n: number }>;
type Reacted = DomainEvent<'Reacted', { n: number }>;

function event<E extends DomainEvent>(type: E['type'], data: E['data']): EventToAppend<E> {
  return { type, data, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'c' }, occurredAt: new Date() } as EventToAppend<E>;
}

describe('subscriptions on embedded PGlite (one connection)', () => {
  let db: PGlite;
  let eventStore: PostgresEventStore;
  let subscriptionStore: PostgresSubscriptionStore;

  beforeAll(async () => {
    db = new PGlite();
    const client = pgliteSqlClient(db);
    await migrateEventStore(client);
    eventStore = new PostgresEventStore(client);
    subscriptionStore = new PostgresSubscriptionStore(client);
  });
  afterAll(async () => {
    await eventStore.close();
    await subscriptionStore.close();
    await db.close();
  });

  it('given an automation whose handler appends through the event store, when its handlers run outside the checkpoint transaction, then it reacts to every event without waiting on itself', async () => {
    const factory = new EventsSubscriptionsFactory(eventStore, subscriptionStore, { pollIntervalMs: 50, handlerTimeoutMs: 2_000 });
    const automation = factory
      .subscription('WhenHappenedThenReact_v1')
      .withOptions({ transactionalHandlers: false })
      .onEvent<Happened>('Happened', async (happened) => {
        await eventStore.appendToStream(StreamName.of('Reaction', happened.id), [event<Reacted>('Reacted', happened.data)], {
          expectedVersion: NO_STREAM,
        });
      })
      .build();
    await eventStore.appendToStream(StreamName.of('Source', '1'), [event<Happened>('Happened', { n: 1 }), event<Happened>('Happened', { n: 2 })], {
      expectedVersion: ANY,
    });

    const started = Date.now();
    await automation.start();
    await automation.caughtUp();
    // A handler waiting on the connection its own subscription holds would only end at the 30 s handler timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
    const { rows } = await db.query<{ n: number }>(`SELECT (data->>'n')::integer AS n FROM es_events WHERE type = 'Reacted' ORDER BY 1`);
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await automation.status()).lastError).toBeNull();

    await automation.stop();
    await automation.start();
    await automation.caughtUp();
    const again = await db.query(`SELECT count(*)::integer AS n FROM es_events WHERE type = 'Reacted'`);
    expect(again.rows).toEqual([{ n: 2 }]);
    await automation.stop();
  });

  it('given a read model that declares its tables, when it is rebuilt, then it is cleared and replayed in place: one connection cannot hold a switch open while a rebuild commits', async () => {
    await db.exec('CREATE TABLE happenings (n integer NOT NULL)');
    const readModel = new EventsSubscriptionsFactory(eventStore, subscriptionStore, { pollIntervalMs: 50 })
      .subscription('Happenings_v1')
      .ownsTables('happenings')
      .onInitialPosition(async (tx) => {
        await tx.query('DELETE FROM happenings');
      })
      .onEvent<Happened>('Happened', async (happened, tx) => {
        await tx.query('INSERT INTO happenings (n) VALUES ($1)', [happened.data.n]);
      })
      .build();
    await readModel.start();
    await readModel.caughtUp();
    await db.exec('INSERT INTO happenings (n) VALUES (-1)');

    expect(readModel.rebuildsBlueGreen).toBe(false);
    const partitioned = new EventsSubscriptionsFactory(eventStore, subscriptionStore)
      .subscription('PartitionedHappenings_v1')
      .withOptions({ partitions: 3 })
      .ownsTables('happenings')
      .onEvent<Happened>('Happened', () => undefined)
      .build();
    expect(partitioned.rebuildsBlueGreen).toBe(false);
    await readModel.rebuild();
    await readModel.rebuilt();
    await readModel.caughtUp();

    const { rows } = await db.query<{ n: number }>('SELECT n FROM happenings ORDER BY n');
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await readModel.rebuildStatus()).toBeNull();
    await readModel.stop();
  });
});
