import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANY } from '../core/expected-version';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import { EventsSubscriptionsFactory } from './events-subscriptions-factory';
import { InMemorySubscriptionStore } from './in-memory-subscription-store';
import type { SubscriptionStatus } from './subscription-options';

describe('EventsSubscriptionsFactory.describe', () => {
  const newFactory = () => new EventsSubscriptionsFactory<undefined>(new InMemoryEventStore(), new InMemorySubscriptionStore());

  it('given no subscription built, then it describes none', () => {
    expect(newFactory().describe()).toEqual([]);
  });

  it('given subscriptions built with single and batched handlers, then it lists each with its handled types and the read models it reads, in build order', () => {
    const factory = newFactory();
    factory.subscription('CoursesReadModel_v1').onEvent('CourseWasCreated', () => undefined).build();
    factory
      .subscription('WhenCourseWasCreatedThenNotify_v1')
      .readsFrom('CoursesReadModel_v1')
      .onEvents(['TaskWasCompleted', 'TaskWasUncompleted'], () => undefined)
      .onEvent('CourseWasCreated', () => undefined)
      .build();

    expect(factory.describe()).toEqual([
      { subscriptionId: 'CoursesReadModel_v1', handledEventTypes: ['CourseWasCreated'], readsFrom: [] },
      {
        subscriptionId: 'WhenCourseWasCreatedThenNotify_v1',
        handledEventTypes: ['TaskWasCompleted', 'TaskWasUncompleted', 'CourseWasCreated'],
        readsFrom: ['CoursesReadModel_v1'],
      },
    ]);
  });

  it('given a subscription defined but not built, then it is not described', () => {
    const factory = newFactory();
    factory.subscription('Unfinished_v1').onEvent('CourseWasCreated', () => undefined);

    expect(factory.describe()).toEqual([]);
  });
});

describe('EventsSubscriptionsFactory.statuses', () => {
  type Noted = { type: 'Noted'; data: { n: number } };
  const noted = (n: number) => ({ type: 'Noted' as const, data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'c' }, occurredAt: new Date() });

  it('given one subscription caught up, one never started and one stopped behind, then each status equals what it reports alone, in build order', async () => {
    const eventStore = new InMemoryEventStore();
    const factory = new EventsSubscriptionsFactory<undefined>(eventStore, new InMemorySubscriptionStore(), { pollIntervalMs: 10 });
    const handled: number[] = [];
    const live = factory.subscription('Live_v1').onEvent<Noted>('Noted', async (event) => void handled.push(event.data.n)).build();
    const behind = factory.subscription('Behind_v1').onEvent<Noted>('Noted', async () => undefined).build();
    factory.subscription('NeverStarted_v1').onEvent<Noted>('Noted', async () => undefined).build();
    await eventStore.appendToStream(StreamName.of('Note', 'a'), [noted(1)], { expectedVersion: ANY });
    await Promise.all([live.start(), behind.start()]);
    await Promise.all([live.caughtUp(), behind.caughtUp()]);
    await behind.stop();
    await eventStore.appendToStream(StreamName.of('Note', 'a'), [noted(2), noted(3)], { expectedVersion: ANY });
    await live.caughtUp();

    const together = await factory.statuses();
    const alone = await Promise.all(factory.subscriptions().map((subscription) => subscription.status()));
    await live.stop();

    const comparable = ({ lagSeconds: _lagSeconds, ...status }: SubscriptionStatus) => status;
    expect(together.map(comparable)).toEqual(alone.map(comparable));
    expect(together.map(({ subscriptionId, lagEvents, lagExact }) => ({ subscriptionId, lagEvents, lagExact }))).toEqual([
      { subscriptionId: 'Live_v1', lagEvents: 0, lagExact: true },
      { subscriptionId: 'Behind_v1', lagEvents: 2, lagExact: true },
      { subscriptionId: 'NeverStarted_v1', lagEvents: 0, lagExact: true },
    ]);
    expect(together[2]!.position).toBeNull();
    expect(handled).toEqual([1, 2, 3]);
  });
});

describe('EventsSubscriptionsFactory.handledLog', () => {
  type Noted = { type: 'Noted' | 'Ignored'; data: { n: number } };
  const event = (type: Noted['type'], n: number) => ({ type, data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'c' }, occurredAt: new Date() });

  it('given a subscription caught up whose last entries it does not handle, then the log counts as handled up to its end although its stored checkpoint is behind', async () => {
    const eventStore = new InMemoryEventStore();
    const store = new InMemorySubscriptionStore();
    const factory = new EventsSubscriptionsFactory<undefined>(eventStore, store, { pollIntervalMs: 10 });
    const subscription = factory.subscription('Notes_v1').onEvent<Noted>('Noted', async () => undefined).build();
    await eventStore.appendToStream(StreamName.of('Note', 'a'), [event('Noted', 1)], { expectedVersion: ANY });
    await subscription.start();
    await subscription.caughtUp();
    await eventStore.appendToStream(StreamName.of('Note', 'b'), [event('Ignored', 2), event('Ignored', 3)], { expectedVersion: ANY });
    await subscription.caughtUp();
    const end = await eventStore.endOfLog();

    expect((await store.find('Notes_v1'))!.position.globalPosition).toBeLessThan(end.globalPosition);
    expect(await factory.handledLog(['Notes_v1']).firstBehind(end)).toBeNull();
    await subscription.stop();
  });

  it('given a subscription run as partitions and one event it has not handled yet, then that subscription is named until it has', async () => {
    const eventStore = new InMemoryEventStore();
    const factory = new EventsSubscriptionsFactory<undefined>(eventStore, new InMemorySubscriptionStore(), { pollIntervalMs: 10 });
    const subscription = factory.subscription('Notes_v1').withOptions({ partitions: 3 }).onEvent<Noted>('Noted', async () => undefined).build();
    await eventStore.appendToStream(StreamName.of('Note', 'a'), [event('Noted', 1)], { expectedVersion: ANY });
    const end = await eventStore.endOfLog();

    expect(await factory.handledLog(['Notes_v1']).firstBehind(end)).toBe('Notes_v1');
    await subscription.start();
    await subscription.caughtUp();
    expect(await factory.handledLog(['Notes_v1']).firstBehind(end)).toBeNull();
    await subscription.stop();
  });

  it('given an id no subscription has, then it refuses it', () => {
    const factory = new EventsSubscriptionsFactory<undefined>(new InMemoryEventStore(), new InMemorySubscriptionStore());

    expect(() => factory.handledLog(['Unknown_v1'])).toThrow('Unknown_v1');
  });
});
