import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProcessStFailed, ProcessStUnavailable } from './process-st.errors';
import { ProcessStLearningMaterialsUrlGenerator } from './process-st.learning-materials-url-generator-adapter';

type Received = Readonly<{ method: string; path: string; apiKey: string | undefined; body: unknown }>;
type Answer = (response: ServerResponse) => void;

const RUN_ID = 'sbAPITNMsl2wW6j2cg1H2A';
const RUN_URL = `https://app.process.st/runs/${RUN_ID}`;

const json = (status: number, body: unknown): Answer => (response) => {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const createdRun: Answer = json(200, {
  id: RUN_ID,
  links: [
    { name: 'self', href: `https://public-api.process.st/api/v1.1/workflow-runs/${RUN_ID}`, type: 'Api' },
    { name: 'workflow-run', href: RUN_URL, type: 'Html' },
  ],
});

/** Answers like the process.st public API would, as each test tells it to. */
describe('process.st learning materials url generator against a local HTTP server', () => {
  let server: Server;
  let baseUrl: string;
  let received: Received[];
  let answer: Answer;

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method ?? '', path: request.url ?? '', apiKey: request.headers['x-api-key'] as string | undefined, body: JSON.parse(body || 'null') });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1.1`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    answer = createdRun;
  });

  const generator = (overrides: Partial<{ baseUrl: string; timeoutMs: number }> = {}) =>
    new ProcessStLearningMaterialsUrlGenerator({ baseUrl, apiKey: 'api_key_1', workflowId: 'workflow-1', timeoutMs: 1_000, ...overrides });

  it('given process.st starts the run, then asks with the API key for a run of the workflow named after the user, and returns its id and app link', async () => {
    const materials = await generator().generateUrlFor('Ada Lovelace');

    expect(materials).toEqual({ id: RUN_ID, url: RUN_URL });
    expect(received).toEqual([
      { method: 'POST', path: '/api/v1.1/workflow-runs', apiKey: 'api_key_1', body: { workflowId: 'workflow-1', name: 'Ada Lovelace' } },
    ]);
  });

  it.each([
    [401, { error: 'Unauthorized' }],
    [403, { error: 'Forbidden' }],
    [404, { error: 'Workflow not found' }],
  ])('given process.st refuses with %i, then PROCESS_ST_FAILED (502)', async (status, body) => {
    answer = json(status, body);

    const failure = generator().generateUrlFor('Ada Lovelace');

    await expect(failure).rejects.toBeInstanceOf(ProcessStFailed);
    await expect(failure).rejects.toMatchObject({ status: 502, response: { code: 'PROCESS_ST_FAILED' } });
  });

  it.each([500, 502, 503, 429])('given process.st answers %i, then PROCESS_ST_UNAVAILABLE (503)', async (status) => {
    answer = json(status, { error: 'try later' });

    await expect(generator().generateUrlFor('Ada Lovelace')).rejects.toMatchObject({ status: 503, response: { code: 'PROCESS_ST_UNAVAILABLE' } });
  });

  it.each([
    ['no id', { links: [{ href: RUN_URL, type: 'Html' }] }],
    ['no app link', { id: RUN_ID, links: [{ href: 'https://public-api.process.st/api/v1.1/workflow-runs/x', type: 'Api' }] }],
    ['not an object', ['a list']],
  ])('given a successful answer with %s, then PROCESS_ST_FAILED', async (_case, body) => {
    answer = json(200, body);

    await expect(generator().generateUrlFor('Ada Lovelace')).rejects.toBeInstanceOf(ProcessStFailed);
  });

  it('given a successful answer that is not JSON, then PROCESS_ST_FAILED', async () => {
    answer = (response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');

    await expect(generator().generateUrlFor('Ada Lovelace')).rejects.toBeInstanceOf(ProcessStFailed);
  });

  it('given process.st does not answer within the timeout, then PROCESS_ST_UNAVAILABLE naming the timeout, without waiting longer', async () => {
    answer = () => undefined;
    const startedAt = Date.now();

    await expect(generator({ timeoutMs: 200 }).generateUrlFor('Ada Lovelace')).rejects.toMatchObject({
      response: { code: 'PROCESS_ST_UNAVAILABLE', message: expect.stringContaining('200 ms') },
    });
    expect(Date.now() - startedAt).toBeLessThan(2_000);
  });

  it('given process.st sends headers and then stalls, then PROCESS_ST_UNAVAILABLE', async () => {
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":');
    };

    await expect(generator({ timeoutMs: 200 }).generateUrlFor('Ada Lovelace')).rejects.toBeInstanceOf(ProcessStUnavailable);
  });

  it('given nothing listens at the address, then PROCESS_ST_UNAVAILABLE', async () => {
    await expect(generator({ baseUrl: 'http://127.0.0.1:1/api/v1.1' }).generateUrlFor('Ada Lovelace')).rejects.toBeInstanceOf(ProcessStUnavailable);
  });
});
