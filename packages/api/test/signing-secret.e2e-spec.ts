import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../src/create-app';
import { JWT_SECRET_FILE_NAME } from '../src/shared/auth/jwt-signing-secret';
import { REPOSITORY_ROOT } from './support/spawned-app';
import { startTestApp, type TestApp } from './support/test-app';
import { adminAccessToken, eventually, TEST_ADMIN, TEST_ADMIN_ENV } from './support/users';

/** Nothing set but what a test needs to reach its own database: no JWT_SECRET. */
const DEFAULTS = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', JWT_SECRET: '', ...TEST_ADMIN_ENV } as const;

const MAX_SCANNED_FILE_BYTES = 1_000_000;
const LINES_AFTER_THE_WORD = 2;
const QUOTED = /(["'`])((?:(?!\1)[^\\\n]|\\.){6,200})\1/g;
const ASSIGNED = /(?:[=:]\s*)([^\s'"`,;)]{6,200})/g;

/**
 * Every string written near the word "secret" in a file git tracks: quoted literals, and values
 * assigned in env files, compose files and docs. What an attacker reading the repository would try.
 */
function secretCandidatesInRepository(): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  const candidates = new Set<string>();
  for (const file of files) {
    const path = join(REPOSITORY_ROOT, file);
    let text: string;
    try {
      if (statSync(path).size > MAX_SCANNED_FILE_BYTES) continue;
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (text.includes('\0')) continue;
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (!/secret/i.test(line)) return;
      for (const nearby of lines.slice(index, index + 1 + LINES_AFTER_THE_WORD)) {
        for (const [, , literal] of nearby.matchAll(QUOTED)) candidates.add(literal!);
        for (const [, value] of nearby.matchAll(ASSIGNED)) candidates.add(value!);
      }
    });
  }
  return [...candidates];
}

async function usersStatus(url: string, token: string): Promise<number> {
  return (await fetch(`${url}/api/users`, { headers: { authorization: `Bearer ${token}` } })).status;
}

async function loginAsAdmin(url: string): Promise<string> {
  return eventually(async () => {
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_ADMIN),
    });
    return response.status === 200 ? ((await response.json()) as { accessToken: string }).accessToken : undefined;
  }, 'the admin to log in');
}

describe('the JWT signing secret without JWT_SECRET', () => {
  describe('given a default-configured app on a PostgreSQL server', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({ JWT_SECRET: '', ...TEST_ADMIN_ENV });
    });

    afterAll(async () => {
      await app?.close();
    });

    it('a token signed with any secret found in the repository is refused: admin tokens for a random user id get 401 on GET /api/users', async () => {
      const candidates = secretCandidatesInRepository();
      // The scan must find the test constants, or it finds nothing at all.
      expect(candidates.length).toBeGreaterThan(20);

      const accepted: string[] = [];
      for (const secret of candidates) {
        const token = new JwtService({ secret }).sign({ sub: randomUUID(), role: 'admin' }, { algorithm: 'HS256', expiresIn: 600 });
        const status = await usersStatus(app.url, token);
        if (status !== 401) accepted.push(`${JSON.stringify(secret)} → ${status}`);
      }

      expect(accepted).toEqual([]);
    });

    it('the tokens it issues are signed with a secret of 32 random bytes kept in the database', async () => {
      const token = await adminAccessToken(app);
      const { rows } = await app.database.pool.query<{ secret: string }>('SELECT secret FROM jwt_signing_secret');

      expect(rows).toHaveLength(1);
      expect(Buffer.from(rows[0]!.secret, 'base64url')).toHaveLength(32);
      expect(() => new JwtService({ secret: rows[0]!.secret }).verify(token, { algorithms: ['HS256'] })).not.toThrow();
      expect(await usersStatus(app.url, token)).toBe(200);
    });
  });

  describe('given instances on one PostgreSQL database', () => {
    let database: TestDatabase;
    const running: RunningApp[] = [];

    beforeAll(async () => {
      database = await createTestDatabase({ prefix: 'e2e_secret' });
    });

    afterAll(async () => {
      await Promise.all(running.map(({ app }) => app.close()));
      await database?.drop();
    });

    it('when two start together, then a token issued by one is valid on the other', async () => {
      const [first, second] = await Promise.all([createApp({ ...DEFAULTS, DATABASE_URL: database.url }), createApp({ ...DEFAULTS, DATABASE_URL: database.url })]);
      running.push(first, second);

      expect(await usersStatus(second.url, await loginAsAdmin(first.url))).toBe(200);
      expect(await usersStatus(first.url, await loginAsAdmin(second.url))).toBe(200);
    });

    it('when the app restarts, then tokens issued before stay valid', async () => {
      const before = await createApp({ ...DEFAULTS, DATABASE_URL: database.url });
      const token = await loginAsAdmin(before.url);
      await before.app.close();

      const after = await createApp({ ...DEFAULTS, DATABASE_URL: database.url });
      running.push(after);

      expect(await usersStatus(after.url, token)).toBe(200);
    });
  });

  describe('given the embedded database in DATA_DIR', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'coderscamp-secret-'));
    });

    afterAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('then the secret is a file only its owner can read, and tokens survive a restart', async () => {
      const before = await createApp({ ...DEFAULTS, DATABASE_URL: '', DATA_DIR: dataDir });
      const token = await loginAsAdmin(before.url);
      await before.app.close();
      const secretFile = await stat(join(dataDir, JWT_SECRET_FILE_NAME));

      const after = await createApp({ ...DEFAULTS, DATABASE_URL: '', DATA_DIR: dataDir });
      try {
        expect(secretFile.mode & 0o777).toBe(0o600);
        expect(await usersStatus(after.url, token)).toBe(200);
      } finally {
        await after.app.close();
      }
    }, 60_000);

    it('with DATA_DIR=memory://, then each process has a secret of its own: a token of one instance is refused by the next', async () => {
      const first = await createApp({ ...DEFAULTS, DATABASE_URL: '', DATA_DIR: 'memory://' });
      const token = await loginAsAdmin(first.url);
      await first.app.close();

      const second = await createApp({ ...DEFAULTS, DATABASE_URL: '', DATA_DIR: 'memory://' });
      try {
        expect(await usersStatus(second.url, token)).toBe(401);
      } finally {
        await second.app.close();
      }
    }, 60_000);
  });
});
