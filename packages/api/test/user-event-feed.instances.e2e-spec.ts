import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type RunningApp } from '../src/create-app';
import { USER_EVENT_FEED_SUBSCRIPTION_ID } from '../src/module/read/user-event-feed/user-event-feed.projection';
import { EventFeedClient, feedUrl } from './support/event-feed-client';
import { EventStoreFixtures } from './support/event-store-fixtures';
import { TEST_JWT_SECRET } from './support/test-app';

describe('WebSocket push with two instances on one database', () => {
  let database: TestDatabase;
  let instanceA: RunningApp;
  let instanceB: RunningApp;

  const start = () =>
    createApp({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '4' });
  const feedSubscriptionOf = (instance: RunningApp) => instance.app.get(EventsSubscriptionsFactory).find(USER_EVENT_FEED_SUBSCRIPTION_ID);

  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'e2e_instances' });
    // B starts first and so runs the projection; A only serves sockets.
    instanceB = await start();
    await vi.waitFor(async () => {
      if (!(await feedSubscriptionOf(instanceB)?.status())?.active) throw new Error('B does not run the projection yet');
    });
    instanceA = await start();
  });

  afterAll(async () => {
    await instanceA?.app.close();
    await instanceB?.app.close();
    await database?.drop();
  });

  it('given a client on instance A, when events are appended through instance B, then A pushes them', async () => {
    expect((await feedSubscriptionOf(instanceA)?.status())?.active).toBe(false);
    const userId = randomUUID();
    const throughA = new EventStoreFixtures(instanceA);
    const throughB = new EventStoreFixtures(instanceB);
    const client = await EventFeedClient.connect(feedUrl(instanceA.url, { access_token: await throughA.tokenFor(userId) }));

    await throughB.registrationCompleted(userId, 'Ada', 'ada@example.com');
    const { learningMaterialsId } = await throughB.learningMaterialsGenerated(userId);
    await throughB.taskCompleted(learningMaterialsId, 'task-1');

    expect((await client.waitForMessages(3)).map(({ type }) => type)).toEqual([
      'UserRegistrationWasCompleted',
      'LearningMaterialsUrlWasGenerated',
      'TaskWasCompleted',
    ]);
    await client.close();
  });

  it('given the instance a client was on stops, when it reconnects to the other with its last position, then it misses nothing', async () => {
    const userId = randomUUID();
    const fixtures = new EventStoreFixtures(instanceB);
    const token = await fixtures.tokenFor(userId);
    const onA = await EventFeedClient.connect(feedUrl(instanceA.url, { access_token: token }));
    await fixtures.registrationCompleted(userId, 'Grace', 'grace@example.com');
    const [seen] = await onA.waitForMessages(1);
    await instanceA.app.close();

    expect((await onA.closed).code).toBe(1001);
    await fixtures.learningMaterialsGenerated(userId);
    const onB = await EventFeedClient.connect(feedUrl(instanceB.url, { access_token: token, after: seen.position }));
    expect((await onB.waitForMessages(1)).map(({ type }) => type)).toEqual(['LearningMaterialsUrlWasGenerated']);
    await onB.close();
  });
});

describe('WebSocket push when the instance running the feed projection goes away', () => {
  let database: TestDatabase;
  let running: RunningApp;
  let survivor: RunningApp;

  const start = () =>
    createApp({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '4' });
  const feedSubscriptionOf = (instance: RunningApp) => instance.app.get(EventsSubscriptionsFactory).find(USER_EVENT_FEED_SUBSCRIPTION_ID);

  beforeAll(async () => {
    database = await createTestDatabase({ prefix: 'e2e_takeover' });
    running = await start();
    await vi.waitFor(async () => {
      if (!(await feedSubscriptionOf(running)?.status())?.active) throw new Error('the first instance does not run the projection yet');
    });
    survivor = await start();
  });

  afterAll(async () => {
    await survivor?.app.close();
    await database?.drop();
  });

  it('given a client on the other instance, when the projecting instance stops, then the survivor takes the projection over and the client keeps receiving', async () => {
    const userId = randomUUID();
    const fixtures = new EventStoreFixtures(survivor);
    const client = await EventFeedClient.connect(feedUrl(survivor.url, { access_token: await fixtures.tokenFor(userId) }));
    await fixtures.registrationCompleted(userId, 'Ada', 'ada@example.com');
    expect((await client.waitForMessages(1)).map(({ type }) => type)).toEqual(['UserRegistrationWasCompleted']);

    await running.app.close();
    await vi.waitFor(async () => expect((await feedSubscriptionOf(survivor)?.status())?.active).toBe(true), { timeout: 10_000, interval: 100 });
    await fixtures.learningMaterialsGenerated(userId);

    expect((await client.waitForMessages(2)).map(({ type }) => type)).toEqual(['UserRegistrationWasCompleted', 'LearningMaterialsUrlWasGenerated']);
    await client.close();
  });
});
