import { randomUUID } from 'node:crypto';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFeedClient, feedUrl, refusalOf } from './support/event-feed-client';
import { EventStoreFixtures } from './support/event-store-fixtures';
import { testAppPerFile } from './support/test-app';
import { eventually } from './support/users';

/** "Read the state, then subscribe with `after`" misses nothing; an `after` no message ever had is refused. */
describe('feed position of REST reads paired with the WebSocket feed', () => {
  const app = testAppPerFile();
  let fixtures: EventStoreFixtures;
  const clients: EventFeedClient[] = [];

  beforeAll(async () => {
    fixtures = new EventStoreFixtures(app.running);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  const connect = async (query: Record<string, string | number>) => {
    const client = await EventFeedClient.connect(feedUrl(app.url, query));
    clients.push(client);
    return client;
  };
  const feedPositionOf = (response: Response) => {
    const header = response.headers.get('x-feed-position');
    expect(header).toMatch(/^\d+$/);
    return Number(header);
  };
  const subscription = (id: string) => app.running.app.get(EventsSubscriptionsFactory).subscriptions().find((candidate) => candidate.subscriptionId === id)!;
  const fedTasks = async (userId: string) =>
    Number((await app.database.pool.query<{ count: string }>(`SELECT count(*) FROM user_event_feed_entries WHERE user_id = $1 AND type = 'TaskWasCompleted'`, [userId])).rows[0]!.count);
  const endOfFeed = async () =>
    Number((await app.database.pool.query<{ end: string }>('SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS end FROM user_event_feed_entries_position_seq')).rows[0]!.end);

  it('given the course progress read model behind the feed, when subscribing with the read\'s X-Feed-Position, then the change the read does not show arrives', async () => {
    const userId = randomUUID();
    const token = await fixtures.tokenFor(userId);
    await fixtures.registrationCompleted(userId, 'Ada', `${userId}@example.com`);
    const { learningMaterialsId } = await fixtures.learningMaterialsGenerated(userId);
    await fixtures.taskCompleted(learningMaterialsId, 'task-1');
    await eventually(async () => ((await app.http('/api/course-progress', { token })).status === 200 ? true : undefined), 'course progress');

    const courseProgress = subscription('CourseProgressReadModel_v1');
    await courseProgress.stop();
    try {
      await fixtures.taskCompleted(learningMaterialsId, 'task-2');
      await eventually(async () => ((await fedTasks(userId)) === 2 ? true : undefined), 'the feed has the second task');

      const read = await app.http('/api/course-progress', { token });
      expect(await read.json()).toEqual({ learningMaterials: { completedTasks: 1 } });
      const client = await connect({ access_token: token, after: feedPositionOf(read) });

      const messages = await client.waitForMessages(1);
      expect(messages.find((message) => message.type === 'TaskWasCompleted' && message.data.taskId === 'task-2')).toMatchObject({
        data: { completedTasks: 2 },
      });
    } finally {
      await courseProgress.start();
    }
  });

  it('given GET /users/me, when the profile changes after it and the client subscribes with its X-Feed-Position, then the change arrives', async () => {
    const userId = randomUUID();
    const token = await fixtures.tokenFor(userId);
    await fixtures.registrationCompleted(userId, 'Grace', `${userId}@example.com`);
    const read = await eventually(async () => {
      const response = await app.http('/api/users/me', { token });
      return response.status === 200 ? response : undefined;
    }, 'the profile');
    const after = feedPositionOf(read);

    await fixtures.profileChanged(userId, { fullName: 'Grace Hopper' });
    const client = await connect({ access_token: token, after });

    const messages = await client.waitForMessages(1);
    expect(messages.every((message) => message.position > after)).toBe(true);
    expect(messages.find((message) => message.type === 'UserProfileWasChanged')).toMatchObject({ data: { userId, fullName: 'Grace Hopper' } });
  });

  it('given GET /learning-materials, then it answers the feed position too', async () => {
    const userId = randomUUID();
    const token = await fixtures.tokenFor(userId);
    await fixtures.registrationCompleted(userId, 'Linus', `${userId}@example.com`);
    await fixtures.learningMaterialsGenerated(userId);
    const read = await eventually(async () => {
      const response = await app.http('/api/learning-materials', { token });
      return response.status === 200 ? response : undefined;
    }, 'the learning materials');
    expect(feedPositionOf(read)).toBeGreaterThan(0);
  });

  it('given after beyond the end of the feed (end + 1, and 999999999999999), then the handshake is refused with 400 FEED_POSITION_BEYOND_END; after = end is accepted', async () => {
    const token = await fixtures.tokenFor(randomUUID());
    const end = await endOfFeed();

    for (const after of [end + 1, 999_999_999_999_999]) {
      expect(await refusalOf(EventFeedClient.connect(feedUrl(app.url, { access_token: token, after })))).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'FEED_POSITION_BEYOND_END', message: expect.any(String) },
      });
    }
    await connect({ access_token: token, after: end });
  });
});
