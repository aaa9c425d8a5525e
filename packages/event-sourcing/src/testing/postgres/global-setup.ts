import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEFAULT_TEST_DATABASE_URL } from './test-database';

/**
 * Vitest global setup: finds a PostgreSQL server for the database test tiers. Order: the
 * `TEST_DATABASE_URL` server, the local default, a throwaway server started from the local
 * PostgreSQL binaries. Without any, the run fails and says how to provide one; it never skips.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const candidates = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [DEFAULT_TEST_DATABASE_URL];
  for (const url of candidates) {
    if (await answers(url)) {
      process.env.TEST_DATABASE_URL = url;
      return async () => undefined;
    }
  }
  const started = await startThrowawayServer();
  if (started && (await answers(started.url))) {
    process.env.TEST_DATABASE_URL = started.url;
    return started.stop;
  }
  started?.stop();
  throw new Error(
    `No PostgreSQL server for tests. Tried ${candidates.join(', ')} and found no PostgreSQL binaries to start one. ` +
      'Start PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth, database test) or set TEST_DATABASE_URL.',
  );
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startThrowawayServer(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  const binaries = findPostgresBinaries();
  if (!binaries) return null;
  const dataDir = mkdtempSync(join(tmpdir(), 'coderscamp-test-pg-'));
  const port = await freePort();
  const asPostgresUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (command: string, args: string[]) => {
    const [program, ...rest] = [...asPostgresUser, command, ...args];
    execFileSync(program!, rest, { stdio: 'ignore' });
  };
  try {
    if (asPostgresUser.length > 0) execFileSync('chown', ['postgres', dataDir]);
    run(join(binaries, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust']);
    run(join(binaries, 'pg_ctl'), ['-D', dataDir, '-o', `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1`, '-w', 'start']);
  } catch {
    rmSync(dataDir, { recursive: true, force: true });
    return null;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run(join(binaries, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function findPostgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const found = versions.map((version) => join(root, version, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  return found ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
