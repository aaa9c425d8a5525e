import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { afterAll, beforeAll } from 'vitest';
import { createApp, type RunningApp } from '../../src/create-app';
import type { EnvOverrides } from '../../src/shared/config/load-app-config';
import { type ContractViolation, OpenApiContract, type OpenApiDocument } from './openapi-contract';
import { TestMailbox } from './test-mailbox';

export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-production-rules';

export type TestApp = Readonly<{
  running: RunningApp;
  url: string;
  database: TestDatabase;
  mailbox: TestMailbox;
  /**
   * fetch against the app: `http('/api/health')`, JSON bodies are serialised. Every response is
   * checked against the app's OpenAPI document; see `contractViolations`.
   */
  http(path: string, init?: TestRequestInit): Promise<Response>;
  /** Responses so far that the OpenAPI document does not allow. */
  contractViolations(): readonly ContractViolation[];
  /** Throws listing every response so far that drifted from the OpenAPI document. */
  expectNoContractViolations(): void;
  /** Stops everything, then fails if any response drifted from the OpenAPI document. */
  close(): Promise<void>;
}>;

export type TestRequestInit = Omit<RequestInit, 'body'> & { body?: unknown; token?: string };

/**
 * The whole application, started for real: its own PostgreSQL database, a real SMTP server that
 * receives its mail, a random port. Most e2e files get theirs from `testAppPerFile`.
 */
export async function startTestApp(env: EnvOverrides = {}): Promise<TestApp> {
  const database = await createTestDatabase({ prefix: 'e2e' });
  const mailbox = await TestMailbox.start();
  const running = await createApp({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    SMTP_URL: mailbox.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    // Every user of a file registers from 127.0.0.1; the registration limit has tests of its own.
    REGISTRATIONS_PER_HOUR: '100000',
    ...env,
  });
  const contract = new OpenApiContract(await openApiDocumentOf(running.url), UNCHECKED_PATHS);
  const violations: ContractViolation[] = [];
  const http = async (path: string, init: TestRequestInit = {}) => {
    const { body, token, headers, ...rest } = init;
    const allHeaders = new Headers(headers);
    if (body !== undefined && !allHeaders.has('content-type')) allHeaders.set('content-type', 'application/json');
    if (token) allHeaders.set('authorization', `Bearer ${token}`);
    const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${running.url}${path}`, { ...rest, headers: allHeaders, body: payload as string | undefined });
    violations.push(
      ...contract.check({
        method: (rest.method ?? 'GET').toUpperCase(),
        path: new URL(path, running.url).pathname,
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: await response.clone().text(),
      }),
    );
    return response;
  };
  const expectNoContractViolations = () => {
    if (violations.length > 0) throw new Error(describeViolations(violations));
  };
  return {
    running,
    url: running.url,
    database,
    mailbox,
    http,
    contractViolations: () => [...violations],
    expectNoContractViolations,
    close: async () => {
      await running.app.close();
      await mailbox.stop();
      await database.drop();
      expectNoContractViolations();
    },
  };
}

/**
 * The app of the enclosing describe's tests, usually the whole file's: a `beforeAll` starts it with
 * `env`, an `afterAll` closes it (when it started). Call it at describe level; the returned TestApp
 * forwards to the started app, so hooks, tests and helpers use it as they would the app itself, and
 * touching it before the app started throws. It relies on vitest's default hook order
 * (`sequence.hooks: 'stack'`): `beforeAll` hooks run in registration order and `afterAll` hooks in
 * reverse, so hooks the describe registers after this call run once the app has started and finish
 * before it closes (say, closing the WebSocket clients of its tests).
 */
export function testAppPerFile(env: EnvOverrides = {}): TestApp {
  let started: TestApp | undefined;

  beforeAll(async () => {
    started = await startTestApp(env);
  });
  afterAll(async () => {
    await started?.close();
  });

  const app = (): TestApp => {
    if (started === undefined) throw new Error('The test app starts in beforeAll; use it inside hooks and tests');
    return started;
  };
  return {
    get running() {
      return app().running;
    },
    get url() {
      return app().url;
    },
    get database() {
      return app().database;
    },
    get mailbox() {
      return app().mailbox;
    },
    http: (path, init) => app().http(path, init),
    contractViolations: () => app().contractViolations(),
    expectNoContractViolations: () => app().expectNoContractViolations(),
    close: () => app().close(),
  };
}

/**
 * A second instance of the app behind the same load balancer: `first`'s database, mailbox and
 * signing secret, a port of its own. Close it before `first`.
 */
export function startAnotherInstance(first: TestApp, env: EnvOverrides = {}): Promise<RunningApp> {
  return createApp({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: first.database.url,
    SMTP_URL: first.mailbox.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_MAX: '4',
    ...env,
  });
}

/** Swagger UI and its assets, and the Prometheus endpoint: not part of the JSON API contract. */
const UNCHECKED_PATHS = [/^\/api\/docs(\/|-json$|$)/, /^\/metrics$/];

async function openApiDocumentOf(url: string): Promise<OpenApiDocument> {
  const response = await fetch(`${url}/api/docs-json`);
  if (!response.ok) throw new Error(`The app serves no OpenAPI document (${response.status})`);
  return (await response.json()) as OpenApiDocument;
}

function describeViolations(violations: readonly ContractViolation[]): string {
  const lines = violations.map(({ method, path, status, problem }) => `  ${method} ${path} → ${status}: ${problem}`);
  return `Responses drifted from the OpenAPI document:\n${lines.join('\n')}`;
}
