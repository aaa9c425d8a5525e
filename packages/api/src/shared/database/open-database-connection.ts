import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { API_PACKAGE_DIRECTORY } from '../../package-directory';
import type { DatabaseConfig } from '../config/app-config';
import type { DatabaseConnection } from './database-connection';
import { pgliteTemplateFile } from './pglite-template';

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
 * The initialised, empty cluster the build writes: a new data directory starts from it rather than
 * from PGlite's initdb, which takes it seconds. Null when absent (running from source, or the build
 * could not write it): initdb then runs as usual.
 */
async function readPgliteTemplate(): Promise<Blob | null> {
  const template = await readFile(pgliteTemplateFile(join(API_PACKAGE_DIRECTORY, 'dist'))).catch(() => null);
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
