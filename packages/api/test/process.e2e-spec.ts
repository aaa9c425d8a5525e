import { request } from 'node:http';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFeedClient, feedUrl } from './support/event-feed-client';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PACKAGE_DIRECTORY } from '../src/package-directory';
import { SERVER_BUNDLE_CODE_CACHE } from '../src/server-bundle';
import { SERVER_NODE_FLAGS } from '../src/server-node-flags';
import { accessTokenOfSessionIn } from './support/sessions';
import { buildApp, SpawnedApp } from './support/spawned-app';
import { eventually } from './support/users';
import { TEST_JWT_SECRET } from './support/test-app';
import { randomUUID } from 'node:crypto';

/**
 * Whether V8 rejects `cacheFile` as the bundle's code cache in a process started with the server's
 * flags: a code cache holds a hash of the flags it was made under, and some of ours (the heap's
 * sizing) differ from the test runner's.
 */
function rejectedByServerV8(cacheFile: string): boolean {
  const check = `const { compileServerBundle } = require(process.argv[1]);
    process.stdout.write(String(compileServerBundle(require('node:fs').readFileSync(process.argv[2])).cachedDataRejected));`;
  const output = execFileSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', check, SERVER_BUNDLE_MODULE, cacheFile], { encoding: 'utf8' });
  return JSON.parse(output) as boolean;
}

const SERVER_BUNDLE_MODULE = join(API_PACKAGE_DIRECTORY, 'dist', 'server-bundle.js');

const BASE_ENV = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', JWT_SECRET: TEST_JWT_SECRET, SHUTDOWN_TIMEOUT_MS: '3000' };

describe('the built app as a process', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    await buildApp();
    database = await createTestDatabase({ prefix: 'e2e_process' });
  }, 180_000);

  afterAll(async () => {
    await database?.drop();
  });

  describe('configuration', () => {
    it.each([
      ['production without a JWT secret', { NODE_ENV: 'production', JWT_SECRET: '' }, /JWT_SECRET: must be set in production/],
      ['production with a short JWT secret', { NODE_ENV: 'production', JWT_SECRET: 'short' }, /JWT_SECRET: must have at least 32 characters/],
      ['a port that is not a number', { PORT: 'eighty' }, /PORT: must be a whole number/],
      ['METRICS_ENABLED that is not a boolean', { METRICS_ENABLED: 'yes' }, /METRICS_ENABLED: must be true or false/],
      ['a database URL of another kind', { DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL: must be a postgres/],
    ])('given %s, then refuses to start, naming the variable', async (_case, env, message) => {
      const app = SpawnedApp.start({ ...BASE_ENV, DATABASE_URL: database.url, ...env });

      expect(await app.exited).toEqual({ code: 1, signal: null });
      expect(app.stderr).toMatch(message);
    });
  });

  describe('defaults', () => {
    it('given no HOST and no JWT_SECRET, then binds 127.0.0.1 and says so, says the secret was generated, never prints it, and keeps framework noise out of info', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'coderscamp-defaults-'));
      const app = SpawnedApp.start({ PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '3000', HOST: '', JWT_SECRET: '', DATA_DIR: dataDir });
      try {
        const startup = await app.startupLine(60_000);
        const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8');

        expect(startup.listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(startup.msg).toContain(`CodersCamp API listening on ${startup.listening}\n`);
        expect(startup.msg).toContain(`JWT secret: generated and stored in ${join(dataDir, 'jwt-secret')}`);
        expect(JSON.stringify(app.logLines) + app.stderr).not.toContain(secret);
        expect(app.logLines.filter(({ context }) => ['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory'].includes(context ?? ''))).toEqual([]);
      } finally {
        app.process.kill('SIGTERM');
        await app.exited;
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 90_000);
  });

  describe('the bundle', () => {
    it('given a database that does not answer, then exits 1 with a stack trace at the TypeScript sources, not at the bundle', async () => {
      const app = SpawnedApp.start({ ...BASE_ENV, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable' });

      expect(await app.exited).toEqual({ code: 1, signal: null });
      expect(app.stderr).toMatch(/ECONNREFUSED/);
      expect(app.stderr).toMatch(/packages\/event-sourcing\/src\/postgres\/migrations\.ts:\d+:\d+/);
      expect(app.stderr).not.toMatch(/main\.bundle\.js/);
    });

    it('given a start that listened, then it wrote a code cache that V8 accepts for the bundle', async () => {
      rmSync(SERVER_BUNDLE_CODE_CACHE, { force: true });
      const app = SpawnedApp.start({ ...BASE_ENV, DATABASE_URL: database.url });
      await app.listening();
      await eventually(async () => existsSync(SERVER_BUNDLE_CODE_CACHE) || undefined, 'the code cache', 10_000);
      app.process.kill('SIGTERM');
      expect(await app.exited).toEqual({ code: 0, signal: null });

      expect(rejectedByServerV8(SERVER_BUNDLE_CODE_CACHE)).toBe(false);
      const garbage = join(mkdtempSync(join(tmpdir(), 'code-cache-')), 'garbage');
      writeFileSync(garbage, 'not a code cache');
      expect(rejectedByServerV8(garbage)).toBe(true);
    });
  });

  describe('SIGTERM', () => {
    it('given a request in flight and a WebSocket client, then finishes the request, closes the socket, stops subscriptions and the pool, and exits 0 within seconds', async () => {
      const app = SpawnedApp.start({ ...BASE_ENV, DATABASE_URL: database.url });
      const url = await app.listening();
      const token = await accessTokenOfSessionIn(database, TEST_JWT_SECRET, randomUUID());
      const client = await EventFeedClient.connect(feedUrl(url, { access_token: token }));
      // An idle keep-alive connection must not hold the process either.
      await fetch(`${url}/api/health/live`);
      const inFlight = slowRequest(`${url}/api/no-such-route`);
      await inFlight.started;

      const signalledAt = Date.now();
      app.process.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(fetch(`${url}/api/health/live`)).rejects.toThrow();
      const response = await inFlight.finish();
      const exit = await app.exited;

      expect(response).toEqual({ status: 404, body: expect.objectContaining({ code: 'NOT_FOUND' }) });
      expect((await client.closed).code).toBe(1001);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalledAt).toBeLessThan(5_000);
      expect(app.logLines.map(({ msg }) => msg)).toContain('Received SIGTERM; shutting down');
      expect(await connectionsTo(database)).toBe(0);
    });
  });
});

/** A POST whose body arrives in two parts, so it is still in flight between them. */
function slowRequest(url: string): { started: Promise<void>; finish(): Promise<{ status: number; body: unknown }> } {
  const outgoing = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
  const response = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    outgoing.on('response', (incoming) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(body) }));
    });
    outgoing.on('error', reject);
  });
  const started = new Promise<void>((resolve) => outgoing.write('{"half":', () => setTimeout(resolve, 100)));
  return {
    started,
    finish: () => {
      outgoing.end('"done"}');
      return response;
    },
  };
}

async function connectionsTo(database: TestDatabase): Promise<number> {
  const { rows } = await database.pool.query<{ count: string }>(
    'select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  return Number(rows[0].count);
}
