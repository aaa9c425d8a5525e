import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { EventsSubscriptionsFactory } from './events-subscriptions-factory';
import { InMemorySubscriptionStore } from './in-memory-subscription-store';

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
