import { mkdir } from 'node:fs/promises';
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
  if (!config.dataDir.startsWith(IN_MEMORY_PGLITE)) {
    await mkdir(config.dataDir, { recursive: true });
  }
  return { kind: 'pglite', db: await PGlite.create(config.dataDir) };
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
