import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../config/app-config';
import type { DatabaseConnection } from './database-connection';

const IN_MEMORY_PGLITE = 'memory://';

/**
 * `onIdleClientError` hears about pooled connections that break while idle (a server restart);
 * without a listener, pg would crash the process. The next query simply gets a fresh connection.
 */
export async function openDatabaseConnection(
  config: DatabaseConfig,
  onIdleClientError: (error: Error) => void = () => undefined,
): Promise<DatabaseConnection> {
  if (config.kind === 'postgres') {
    const pool = new Pool({ connectionString: config.url, max: config.poolMax, connectionTimeoutMillis: 5_000 });
    pool.on('error', onIdleClientError);
    return { kind: 'postgres', pool };
  }
  if (config.dataDir.startsWith(IN_MEMORY_PGLITE)) return { kind: 'pglite', db: await PGlite.create(config.dataDir) };
  const template = (await isEmptyDirectory(config.dataDir)) ? await readPgliteTemplate() : null;
  await mkdir(config.dataDir, { recursive: true });
  return { kind: 'pglite', db: await PGlite.create(config.dataDir, template ? { loadDataDir: template } : {}) };
}

/**
 * The initialised, empty cluster the build writes (scripts/build-pglite-template.cjs): a new data
 * directory starts from it rather than from PGlite's initdb, which takes it seconds. Null when
 * absent (running from source, or the build could not write it): initdb then runs as usual.
 */
async function readPgliteTemplate(): Promise<Blob | null> {
  // Named after the PGlite version that wrote it: another version's cluster would not start.
  const pglitePackage = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(await readFile(pglitePackage, 'utf8')) as { version: string };
  const template = await readFile(join(__dirname, '..', '..', `pglite-template-${version}.tar`)).catch(() => null);
  return template ? new Blob([template]) : null;
}

async function isEmptyDirectory(directory: string): Promise<boolean> {
  try {
    return (await readdir(directory)).length === 0;
  } catch {
    return true;
  }
}

export async function closeDatabaseConnection(connection: DatabaseConnection): Promise<void> {
  if (connection.kind === 'postgres') await connection.pool.end();
  else await connection.db.close();
}

/** True when the database answers a trivial query. */
export async function isDatabaseUp(connection: DatabaseConnection): Promise<boolean> {
  try {
    if (connection.kind === 'postgres') await connection.pool.query('select 1');
    else await connection.db.query('select 1');
    return true;
  } catch {
    return false;
  }
}
