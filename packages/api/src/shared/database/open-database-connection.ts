import { cpSync, existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { API_PACKAGE_DIRECTORY } from '../../package-directory';
import type { DatabaseConfig } from '../config/app-config';
import type { DatabaseConnection } from './database-connection';
import { pgliteTemplateDirectory } from './pglite-template';

export const IN_MEMORY_PGLITE = 'memory://';

/**
 * `onIdleClientError` hears about pooled connections that break while idle (a server restart);
 * without a listener, pg would crash the process. The next query simply gets a fresh connection.
 */
export async function openDatabaseConnection(
  config: DatabaseConfig,
  onIdleClientError: (error: Error) => void = () => undefined,
): Promise<DatabaseConnection> {
  if (config.kind === 'postgres') {
    const pool = new Pool({ connectionString: config.url, max: config.poolMax, connectionTimeoutMillis: 5_000, pipeline: config.pipeline });
    pool.on('error', onIdleClientError);
    return { kind: 'postgres', pool };
  }
  if (config.dataDir.startsWith(IN_MEMORY_PGLITE)) return { kind: 'pglite', db: await PGlite.create(config.dataDir) };
  if (await isEmptyDirectory(config.dataDir)) startFromTemplate(config.dataDir);
  await mkdir(config.dataDir, { recursive: true });
  return { kind: 'pglite', db: await PGlite.create(config.dataDir) };
}

/**
 * Copies the initialised, empty cluster the build writes into a new data directory, so PGlite
 * opens it rather than running its initdb, which takes seconds. A plain copy of the directory takes
 * about half the time of loading the same cluster from a tarball through PGlite. Without the
 * template (running from source, or the build could not write it), initdb runs as usual.
 */
function startFromTemplate(dataDir: string): void {
  const template = pgliteTemplateDirectory(join(API_PACKAGE_DIRECTORY, 'dist'));
  if (!existsSync(template)) return;
  // Synchronous: one native call copies the thousand files, where the asynchronous copy made a
  // round trip through the event loop for each; there is nothing else to do meanwhile.
  cpSync(template, dataDir, { recursive: true });
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
