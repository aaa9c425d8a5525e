import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFeedClient, feedUrl, refusalOf } from './support/event-feed-client';
import { EventStoreFixtures } from './support/event-store-fixtures';
import { TEST_JWT_SECRET, testAppPerFile } from './support/test-app';

describe('WebSocket push of events at /api/events', () => {
  const app = testAppPerFile();
  let fixtures: EventStoreFixtures;
  const clients: EventFeedClient[] = [];

  beforeAll(async () => {
    fixtures = new EventStoreFixtures(app.running);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
  });

  const connect = async (query: Record<string, string | number>, headers: Record<string, string> = {}) => {
    const client = await EventFeedClient.connect(feedUrl(app.url, query), headers);
    clients.push(client);
    return client;
  };

  describe('handshake', () => {
    const signed = (claims: object, secret = TEST_JWT_SECRET, expiresIn = 3600) =>
      new JwtService({ secret }).sign(claims, { algorithm: 'HS256', expiresIn });

    it.each([
      ['no token', {}],
      ['a token signed with another secret', { access_token: signed({ sub: randomUUID(), role: 'user' }, 'another-secret-that-is-long-enough-too') }],
      ['an expired token', { access_token: signed({ sub: randomUUID(), role: 'user' }, TEST_JWT_SECRET, -10) }],
      ['a token without a role', { access_token: signed({ sub: randomUUID() }) }],
      ['a token that is not a JWT', { access_token: 'not-a-jwt' }],
    ])('given %s, then refuses the handshake with 401 and the error shape', async (_case, query) => {
      expect(await refusalOf(EventFeedClient.connect(feedUrl(app.url, query)))).toEqual({
        status: 401,
        body: { statusCode: 401, code: 'UNAUTHORIZED', message: expect.any(String) },
      });
    });

    it.each([['-1'], ['abc'], ['1.5']])('given after=%s, then refuses the handshake with 400', async (after) => {
      const token = await fixtures.tokenFor(randomUUID());
      expect(await refusalOf(EventFeedClient.connect(feedUrl(app.url, { access_token: token, after })))).toMatchObject({
        status: 400,
        body: { statusCode: 400, code: 'VALIDATION_FAILED' },
      });
    });

    it('given another path, then refuses the upgrade with 404', async () => {
      const token = await fixtures.tokenFor(randomUUID());
      const url = feedUrl(app.url, { access_token: token }).replace('/api/events', '/api/elsewhere');
      expect((await refusalOf(EventFeedClient.connect(url))).status).toBe(404);
    });

    it.each([
      ['the query', (token: string) => [{ access_token: token }, {}] as const],
      ['the Authorization header', (token: string) => [{}, { authorization: `Bearer ${token}` }] as const],
      ['the cookie', (token: string) => [{}, { cookie: `theme=dark; access_token=${token}` }] as const],
    ])('given a valid token in %s, then accepts the connection and pushes its user events', async (_case, place) => {
      const userId = randomUUID();
      const [query, headers] = place(await fixtures.tokenFor(userId));
      const client = await connect(query, headers);

      await fixtures.registrationCompleted(userId, 'Ada Lovelace', `${userId}@example.com`);

      const [message] = await client.waitForMessages(1);
      expect(message).toMatchObject({ type: 'UserRegistrationWasCompleted', data: { userId } });
    });
  });

  describe('two users', () => {
    it('given events about Alice and Bob, then each receives only their own, in order, with the course progress', async () => {
      const alice = randomUUID();
      const bob = randomUUID();
      const aliceClient = await connect({ access_token: await fixtures.tokenFor(alice) });
      const bobClient = await connect({ access_token: await fixtures.tokenFor(bob) });

      await fixtures.registrationCompleted(alice, 'Alice', 'alice@example.com');
      await fixtures.registrationCompleted(bob, 'Bob', 'bob@example.com');
      const alices = await fixtures.learningMaterialsGenerated(alice);
      const bobs = await fixtures.learningMaterialsGenerated(bob);
      await fixtures.taskCompleted(alices.learningMaterialsId, 'task-1');
      await fixtures.taskCompleted(bobs.learningMaterialsId, 'task-1');
      await fixtures.taskCompleted(alices.learningMaterialsId, 'task-2');
      await fixtures.taskUncompleted(alices.learningMaterialsId, 'task-1');

      const aliceMessages = await aliceClient.waitForMessages(5);
      const bobMessages = await bobClient.waitForMessages(3);
      expect(aliceMessages.map(({ type, data }) => ({ type, data }))).toEqual([
        { type: 'UserRegistrationWasCompleted', data: { userId: alice, fullName: 'Alice', emailAddress: 'alice@example.com' } },
        {
          type: 'LearningMaterialsUrlWasGenerated',
          data: { ...alices, materialsUrl: `https://materials.example/${alices.learningMaterialsId}` },
        },
        { type: 'TaskWasCompleted', data: { learningMaterialsId: alices.learningMaterialsId, taskId: 'task-1', completedTasks: 1 } },
        { type: 'TaskWasCompleted', data: { learningMaterialsId: alices.learningMaterialsId, taskId: 'task-2', completedTasks: 2 } },
        { type: 'TaskWasUncompleted', data: { learningMaterialsId: alices.learningMaterialsId, taskId: 'task-1', completedTasks: 1 } },
      ]);
      expect(bobMessages.map(({ type }) => type)).toEqual(['UserRegistrationWasCompleted', 'LearningMaterialsUrlWasGenerated', 'TaskWasCompleted']);
      expect(JSON.stringify([...aliceMessages, ...bobMessages])).not.toContain('hashedPassword');

      const positions = aliceMessages.map(({ position }) => position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      for (const message of aliceMessages) expect(Object.keys(message).sort()).toEqual(['data', 'occurredAt', 'position', 'type']);

      // Nothing of Alice's arrives late on Bob's socket.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bobClient.messages).toHaveLength(3);
    });
  });

  describe('reconnecting', () => {
    it('given a client that was offline, when it reconnects with the last position it saw, then receives what it missed and then live events', async () => {
      const userId = randomUUID();
      const token = await fixtures.tokenFor(userId);
      const first = await connect({ access_token: token });
      await fixtures.registrationCompleted(userId, 'Grace Hopper', 'grace@example.com');
      const [seen] = await first.waitForMessages(1);
      await first.close();

      const { learningMaterialsId } = await fixtures.learningMaterialsGenerated(userId);
      await fixtures.taskCompleted(learningMaterialsId, 'task-1');

      const second = await connect({ access_token: token, after: seen.position });
      const missed = await second.waitForMessages(2);
      expect(missed.map(({ type }) => type)).toEqual(['LearningMaterialsUrlWasGenerated', 'TaskWasCompleted']);
      expect(missed.every(({ position }) => position > seen.position)).toBe(true);

      await fixtures.taskCompleted(learningMaterialsId, 'task-2');
      const [, , live] = await second.waitForMessages(3);
      expect(live).toMatchObject({ type: 'TaskWasCompleted', data: { taskId: 'task-2', completedTasks: 2 } });
    });

    it('given after=0, then replays the whole feed of the user', async () => {
      const userId = randomUUID();
      await fixtures.registrationCompleted(userId, 'Ada', 'ada@example.com');
      const { learningMaterialsId } = await fixtures.learningMaterialsGenerated(userId);
      await fixtures.taskCompleted(learningMaterialsId, 'task-1');

      const client = await connect({ access_token: await fixtures.tokenFor(userId), after: 0 });

      expect((await client.waitForMessages(3)).map(({ type }) => type)).toEqual([
        'UserRegistrationWasCompleted',
        'LearningMaterialsUrlWasGenerated',
        'TaskWasCompleted',
      ]);
    });
  });
});
