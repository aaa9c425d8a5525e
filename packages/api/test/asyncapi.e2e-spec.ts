import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_EVENT_FEED_MESSAGE_TYPES } from '../src/module/read/user-event-feed/user-event-feed.messages';
import { EventFeedClient, feedUrl } from './support/event-feed-client';
import { EventStoreFixtures } from './support/event-store-fixtures';
import { startTestApp, type TestApp, testAppPerFile } from './support/test-app';

// The parser reports problems by severity: 0 is an error, 1 a warning.
const ERROR = 0;

type AsyncApi = {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  components: { messages: Record<string, { payload: object }> };
};

describe('AsyncAPI document of the WebSocket channel', () => {
  const app = testAppPerFile({ APP_URL: 'https://app.coderscamp.example', PUBLIC_API_URL: 'https://coderscamp.example' });
  let document: AsyncApi;

  beforeAll(async () => {
    document = (await (await app.http('/api/asyncapi.json')).json()) as AsyncApi;
  });

  it('given the served document, then the official parser accepts it as AsyncAPI 3.0 without errors', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));

    expect(diagnostics.filter(({ severity }) => severity === ERROR)).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
    expect(parsed?.channels().all().map((channel) => channel.address())).toEqual(['/api/events']);
    expect(parsed?.servers().all().map((server) => server.url())).toEqual(['wss://coderscamp.example/']);
  });

  describe('without PUBLIC_API_URL', () => {
    let other: TestApp;

    beforeAll(async () => {
      other = await startTestApp({ APP_URL: 'https://app.coderscamp.example' });
    });

    afterAll(async () => {
      await other?.close();
    });

    const serversOf = (body: string) => Object.values((JSON.parse(body) as { servers: Record<string, { host: string; protocol: string }> }).servers);

    it('given a request, then the server is the host the request reached, not APP_URL', async () => {
      const served = await (await other.http('/api/asyncapi.json')).text();

      expect(serversOf(served)).toEqual([expect.objectContaining({ host: new URL(other.url).host, protocol: 'ws' })]);
    });

    it.each([
      ['a space', 'a b'],
      ['a path', 'evil.example/<script>'],
    ])('given a Host header with %s, then the server is the address the request came in on', async (_case, host) => {
      const url = new URL(other.url);
      const served = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        get({ host: url.hostname, port: url.port, path: '/api/asyncapi.json', headers: { host } }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        }).on('error', reject);
      });

      expect(served.status).toBe(200);
      expect(serversOf(served.body)).toEqual([expect.objectContaining({ host: url.host })]);
    });
  });

  it('given the channel, then it lists every message type the gateway sends', () => {
    expect(Object.keys(document.channels.userEvents.messages).sort()).toEqual([...USER_EVENT_FEED_MESSAGE_TYPES].sort());
  });

  it('given a message really pushed over the socket, then it matches its documented payload', async () => {
    const fixtures = new EventStoreFixtures(app.running);
    const userId = randomUUID();
    const client = await EventFeedClient.connect(feedUrl(app.url, { access_token: await fixtures.tokenFor(userId) }));
    await fixtures.registrationCompleted(userId, 'Ada', 'ada@example.com');
    await fixtures.profileChanged(userId, { fullName: 'Ada King', image: 'https://example.com/ada.png' });
    const { learningMaterialsId } = await fixtures.learningMaterialsGenerated(userId);
    await fixtures.taskCompleted(learningMaterialsId, 'task-1');
    await fixtures.taskUncompleted(learningMaterialsId, 'task-1');
    const messages = await client.waitForMessages(5);
    await client.close();

    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const message of messages) {
      const validate = ajv.compile(document.components.messages[message.type].payload);
      expect(validate(message), ajv.errorsText(validate.errors)).toBe(true);
    }
    expect(new Set(messages.map(({ type }) => type))).toEqual(new Set(USER_EVENT_FEED_MESSAGE_TYPES));
  });

  it('given the readable page, then it is HTML naming the channel and every message', async () => {
    const response = await app.http('/api/asyncapi');

    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('wss://coderscamp.example/api/events');
    for (const type of USER_EVENT_FEED_MESSAGE_TYPES) expect(page).toContain(`<h3>${type}</h3>`);
  });
});
