import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParkedEventNotFoundError } from '../core/errors';
import { logPositionOf, type DomainEvent, type EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { createTestDatabase } from '../testing/postgres/test-database';
import { postgresEventStorePerDescribe } from '../testing/postgres/test-event-store.fixture';
import { EVENT_STORE_MIGRATIONS, migrateEventStore, runSqlMigrations } from './migrations';
import { pgSqlClient } from './pg-sql-client';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresSubscriptionStore } from './postgres-subscription-store';

type Counted = DomainEvent<'Counted', { n: number }>;

function counted(n: number): EventToAppend<Counted> {
  return { type: 'Counted', data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

const fast = { pollIntervalMs: 200, standbyRetryMs: 50, retryBaseDelayMs: 5, retryMaxDelayMs: 10, maxAttempts: 3, onPoisonEvent: 'park' as const };

describe('parked events on PostgreSQL', () => {
  const postgres = postgresEventStorePerDescribe();

  beforeAll(() => postgres.client.executeScript('CREATE TABLE handled (subscription_id text NOT NULL, n integer NOT NULL)'));

  /**
   * A read model that writes each event's row before it checks it, so a rejected event leaves a
   * row behind unless the transaction rolls it back. Rejects `two` until fixed; started with 1, 2, 3
   * in its own stream and caught up.
   */
  async function parkedTwo() {
    const subscriptionId = `Parking_${randomUUID().replaceAll('-', '')}`;
    const handler = { failure: 'cannot handle two' as string | null };
    const stream = StreamName.of(`C${randomUUID().replaceAll('-', '')}`, '1');
    const subscription = new EventsSubscriptionsFactory(postgres.eventStore, postgres.subscriptionStore, fast)
      .subscription(subscriptionId)
      .onEvent<Counted>('Counted', async (event, tx) => {
        // The log is shared with the other tests: only its own stream's events count.
        if (event.streamName !== stream.toString()) return;
        await tx.query('INSERT INTO handled VALUES ($1, $2)', [subscriptionId, event.data.n]);
        if (event.data.n === 2 && handler.failure) throw new Error(handler.failure);
      })
      .build();
    postgres.running.push(subscription);
    const { events } = await postgres.eventStore.appendToStream(stream, [counted(1), counted(2), counted(3)], { expectedVersion: ANY });
    await subscription.start();
    await subscription.caughtUp();
    const handled = async () => {
      const { rows } = await postgres.client.query<{ n: number }>('SELECT n FROM handled WHERE subscription_id = $1 ORDER BY n', [subscriptionId]);
      return rows.map(({ n }) => n);
    };
    return { subscription, handler, two: events[1]!, stream, handled };
  }

  it('given a handler that kept failing, then the parked event is listed with its stream, position and failure, and nothing it wrote stayed', async () => {
    const { subscription, two, stream, handled } = await parkedTwo();
    expect(await handled()).toEqual([1, 3]);
    expect(await subscription.parkedEvents()).toEqual([
      {
        eventId: two.id,
        eventType: 'Counted',
        streamName: stream.toString(),
        position: logPositionOf(two),
        error: 'cannot handle two',
        attempts: 3,
        failedAt: expect.any(Date),
      },
    ]);
    expect((await subscription.status()).parkedEvents).toBe(1);
  });

  it('given the handler fixed, when the parked event is replayed, then it is handled once, in the transaction that takes it off the list', async () => {
    const { subscription, handler, two, handled } = await parkedTwo();
    handler.failure = null;
    expect(await subscription.replayParked(two.id)).toEqual({ replayed: true });
    expect(await handled()).toEqual([1, 2, 3]);
    expect(await subscription.parkedEvents()).toEqual([]);
    expect((await subscription.status()).parkedEvents).toBe(0);
    await expect(subscription.replayParked(two.id)).rejects.toBeInstanceOf(ParkedEventNotFoundError);
    expect(await handled()).toEqual([1, 2, 3]);
  });

  it('given two replays of one parked event at once, then it is handled once and the other is told it is not parked', async () => {
    const { subscription, handler, two, handled } = await parkedTwo();
    handler.failure = null;
    const outcomes = await Promise.allSettled([subscription.replayParked(two.id), subscription.replayParked(two.id)]);
    expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'PARKED_EVENT_NOT_FOUND' } });
    expect(await handled()).toEqual([1, 2, 3]);
  });

  it('given the handler still failing, when the parked event is replayed, then its writes roll back and it stays parked with the new error', async () => {
    const { subscription, handler, two, handled } = await parkedTwo();
    handler.failure = 'still cannot handle two';
    expect(await subscription.replayParked(two.id)).toEqual({
      replayed: false,
      parked: expect.objectContaining({ eventId: two.id, error: 'still cannot handle two', attempts: 4 }),
    });
    expect(await subscription.parkedEvents()).toEqual([expect.objectContaining({ eventId: two.id, error: 'still cannot handle two', attempts: 4 })]);
    expect(await handled()).toEqual([1, 3]);
  });

  it('when a parked event is skipped, then it leaves the list unhandled and the store keeps it as skipped', async () => {
    const { subscription, two, handled } = await parkedTwo();
    await subscription.skipParked(two.id);
    expect(await subscription.parkedEvents()).toEqual([]);
    expect(await handled()).toEqual([1, 3]);
    const { rows } = await postgres.client.query<{ resolution: string }>('SELECT resolution FROM es_parked_events WHERE subscription_id = $1 AND event_id = $2', [
      subscription.subscriptionId,
      two.id,
    ]);
    expect(rows).toEqual([{ resolution: 'skipped' }]);
    await expect(subscription.skipParked(two.id)).rejects.toBeInstanceOf(ParkedEventNotFoundError);
  });

  it('given an event id that is not parked, then replay and skip fail with PARKED_EVENT_NOT_FOUND', async () => {
    const { subscription } = await parkedTwo();
    const unknown = randomUUID();
    await expect(subscription.replayParked(unknown)).rejects.toMatchObject({ code: 'PARKED_EVENT_NOT_FOUND', eventId: unknown });
    await expect(subscription.skipParked(unknown)).rejects.toMatchObject({ code: 'PARKED_EVENT_NOT_FOUND', eventId: unknown });
    expect(await subscription.parkedEvents()).toHaveLength(1);
  });

  it('given events parked before their log position was recorded, when migrating, then each gets its transaction and stream from the log', async () => {
    const older = await createTestDatabase();
    try {
      const olderClient = pgSqlClient(older.pool);
      const parkedByVersion = EVENT_STORE_MIGRATIONS.migrations.findIndex((migration) => migration.name === 'parked-event-resolution');
      await runSqlMigrations(olderClient, { ...EVENT_STORE_MIGRATIONS, migrations: EVENT_STORE_MIGRATIONS.migrations.slice(0, parkedByVersion) });
      const olderStore = new PostgresEventStore(olderClient);
      const stream = StreamName.of('Counter', randomUUID());
      const { events } = await olderStore.appendToStream(stream, [counted(1)], { expectedVersion: ANY });
      await olderStore.close();
      const parked = events[0]!;
      await olderClient.query(
        `INSERT INTO es_parked_events (subscription_id, event_id, global_position, event_type, error, attempts) VALUES ('Old_v1', $1, $2, 'Counted', 'boom', 5)`,
        [parked.id, parked.globalPosition.toString()],
      );

      await migrateEventStore(olderClient);

      const olderSubscriptions = new PostgresSubscriptionStore(olderClient);
      expect(await olderSubscriptions.listParked('Old_v1')).toEqual([
        { eventId: parked.id, eventType: 'Counted', streamName: stream.toString(), position: logPositionOf(parked), error: 'boom', attempts: 5, failedAt: expect.any(Date) },
      ]);
      await olderSubscriptions.close();
    } finally {
      await older.drop();
    }
  });
});
