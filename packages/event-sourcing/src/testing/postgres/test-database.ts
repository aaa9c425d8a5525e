import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = Readonly<{
  /** Connection string of the fresh database. */
  url: string;
  name: string;
  pool: Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}>;

/** The server tests use: `TEST_DATABASE_URL`, else the local default (the global setup checks it answers). */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
}

/**
 * A database of its own for one test file, so test files can run in parallel. Its pool pipelines
 * statements, as the platform's does, unless `pipeline` is false.
 */
export async function createTestDatabase(options: Readonly<{ poolSize?: number; prefix?: string; pipeline?: boolean }> = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = `${options.prefix ?? 'test'}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withServerClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(serverUrl, name);
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10, pipeline: options.pipeline ?? true });
  // Tests that restart or kill connections on purpose must not crash the runner.
  pool.on('error', () => undefined);
  return {
    url,
    name,
    pool,
    drop: async () => {
      await pool.end();
      await withServerClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A single connection to `serverUrl` for administrative statements (CREATE/DROP DATABASE), closed after `work`. */
export async function withServerClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
