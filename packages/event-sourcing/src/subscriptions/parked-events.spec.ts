import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ParkedEventNotFoundError, UnknownSubscriptionError } from '../core/errors';
import { logPositionOf, type DomainEvent, type EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import type { EventsSubscription } from './events-subscription';
import { EventsSubscriptionsFactory } from './events-subscriptions-factory';
import { InMemorySubscriptionStore } from './in-memory-subscription-store';

type Counted = DomainEvent<'Counted', { n: number }>;

function counted(n: number): EventToAppend<Counted> {
  return { type: 'Counted', data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

const fast = { pollIntervalMs: 50, standbyRetryMs: 20, retryBaseDelayMs: 1, retryMaxDelayMs: 2, maxAttempts: 3, onPoisonEvent: 'park' as const };

describe('parked events (in memory)', () => {
  const running: EventsSubscription<undefined>[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });

  /** A subscription whose handler rejects `two` until it is fixed, started with 1, 2, 3 in the log and caught up. */
  async function parkedTwo() {
    const eventStore = new InMemoryEventStore();
    const factory = new EventsSubscriptionsFactory(eventStore, new InMemorySubscriptionStore(), fast);
    const handler = { seen: [] as number[], failure: 'cannot handle two' as string | null };
    const subscription = factory
      .subscription('Parking_v1')
      .onEvent<Counted>('Counted', (event) => {
        if (event.data.n === 2 && handler.failure) throw new Error(handler.failure);
        handler.seen.push(event.data.n);
      })
      .build();
    running.push(subscription);
    const { events } = await eventStore.appendToStream(StreamName.of('Counter', '1'), [counted(1), counted(2), counted(3)], { expectedVersion: ANY });
    await subscription.start();
    await subscription.caughtUp();
    const two = events[1]!;
    return { factory, subscription, handler, two };
  }

  it('given a handler that kept failing, then the parked event is listed with its stream, position and failure', async () => {
    const { subscription, handler, two } = await parkedTwo();
    expect(handler.seen).toEqual([1, 3]);
    expect(await subscription.parkedEvents()).toEqual([
      {
        eventId: two.id,
        eventType: 'Counted',
        streamName: 'Counter_1',
        position: logPositionOf(two),
        error: 'cannot handle two',
        attempts: 3,
        failedAt: expect.any(Date),
      },
    ]);
  });

  it('given the handler fixed, when the parked event is replayed, then it is handled once and leaves the list', async () => {
    const { subscription, handler, two } = await parkedTwo();
    handler.failure = null;
    expect(await subscription.replayParked(two.id)).toEqual({ replayed: true });
    expect(handler.seen).toEqual([1, 3, 2]);
    expect(await subscription.parkedEvents()).toEqual([]);
    expect((await subscription.status()).parkedEvents).toBe(0);
    await expect(subscription.replayParked(two.id)).rejects.toBeInstanceOf(ParkedEventNotFoundError);
    expect(handler.seen).toEqual([1, 3, 2]);
  });

  it('given two replays of one parked event at once, then it is handled once and the other is told it is not parked', async () => {
    const { subscription, handler, two } = await parkedTwo();
    handler.failure = null;
    const outcomes = await Promise.allSettled([subscription.replayParked(two.id), subscription.replayParked(two.id)]);
    expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'PARKED_EVENT_NOT_FOUND' } });
    expect(handler.seen).toEqual([1, 3, 2]);
  });

  it('given the handler still failing, when the parked event is replayed, then it stays parked with the new error and one more attempt', async () => {
    const { subscription, handler, two } = await parkedTwo();
    handler.failure = 'still cannot handle two';
    const replay = await subscription.replayParked(two.id);
    expect(replay).toEqual({ replayed: false, parked: expect.objectContaining({ eventId: two.id, error: 'still cannot handle two', attempts: 4 }) });
    expect(await subscription.parkedEvents()).toEqual([expect.objectContaining({ eventId: two.id, error: 'still cannot handle two', attempts: 4 })]);
    expect(handler.seen).toEqual([1, 3]);
  });

  it('when a parked event is skipped, then it leaves the list without being handled and cannot be replayed', async () => {
    const { subscription, handler, two } = await parkedTwo();
    handler.failure = null;
    await subscription.skipParked(two.id);
    expect(await subscription.parkedEvents()).toEqual([]);
    await expect(subscription.replayParked(two.id)).rejects.toBeInstanceOf(ParkedEventNotFoundError);
    await expect(subscription.skipParked(two.id)).rejects.toBeInstanceOf(ParkedEventNotFoundError);
    expect(handler.seen).toEqual([1, 3]);
  });

  it('given ids that name nothing, then the errors say which and carry stable codes', async () => {
    const { factory, subscription } = await parkedTwo();
    const unknownEvent = randomUUID();
    await expect(subscription.replayParked(unknownEvent)).rejects.toMatchObject({ code: 'PARKED_EVENT_NOT_FOUND', eventId: unknownEvent });
    await expect(subscription.skipParked(unknownEvent)).rejects.toMatchObject({ code: 'PARKED_EVENT_NOT_FOUND', eventId: unknownEvent });
    expect(() => factory.require('Missing_v1')).toThrow(UnknownSubscriptionError);
    expect(() => factory.require('Missing_v1')).toThrow(expect.objectContaining({ code: 'UNKNOWN_SUBSCRIPTION' }));
    expect(factory.require('Parking_v1')).toBe(subscription);
  });
});
