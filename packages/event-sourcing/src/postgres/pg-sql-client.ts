import { Client, type ClientConfig, type Pool, type PoolClient } from 'pg';
import { setLocalStatements, type QueryOptions, type SqlClient, type SqlExecutor, type SqlResult, type SqlRow, type SqlSession } from './sql-client';

/** SqlClient over a node-postgres pool. Sessions get a connection outside the pool, so they never starve it. */
export function pgSqlClient(pool: Pool): SqlClient {
  return {
    dialect: 'postgres',
    query: (text, params, options) => runQuery(pool, text, params, options),
    queryArrays: (text, params) => runArrayQuery(pool, text, params),
    executeScript: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (work, options) => {
      // One simple-protocol script: the settings ride along with BEGIN.
      const begin = `BEGIN; ${setLocalStatements(options?.localSettings)}`;
      const client = await pool.connect();
      let broken: Error | undefined;
      // The pool stops listening to a client it lends out: without a listener of our own, a
      // connection dropped mid-transaction (a database restart) would crash the process.
      const onConnectionError = (error: Error) => {
        broken = error;
      };
      client.on('error', onConnectionError);
      try {
        await client.query(begin);
        const result = await work(executorOver(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        client.off('error', onConnectionError);
        client.release(broken);
      }
    },
    openSession: () => openPgSession((pool as unknown as { options: ClientConfig }).options),
  };
}

async function openPgSession(config: ClientConfig): Promise<SqlSession> {
  const client = new Client(config);
  const lostListeners: ((error: Error) => void)[] = [];
  const channels = new Map<string, (payload: string) => void>();
  let lost = false;
  const markLost = (error: Error) => {
    if (lost) return;
    lost = true;
    lostListeners.forEach((listener) => listener(error));
  };
  client.on('error', markLost);
  client.on('end', () => markLost(new Error('Database session ended')));
  client.on('notification', (message) => channels.get(message.channel)?.(message.payload ?? ''));
  await client.connect();
  return {
    ...executorOver(client),
    listen: async (channel, onNotification) => {
      channels.set(channel, onNotification);
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    },
    onLost: (listener) => {
      lostListeners.push(listener);
    },
    release: async () => {
      lost = true;
      await client.end().catch(() => undefined);
    },
  };
}

function executorOver(client: PoolClient | Client): SqlExecutor {
  return {
    query: (text, params, options) => runQuery(client, text, params, options),
    queryArrays: (text, params) => runArrayQuery(client, text, params),
    executeScript: async (sql) => {
      await client.query(sql);
    },
  };
}

async function runQuery<R extends object = SqlRow>(
  target: Pool | PoolClient | Client,
  text: string,
  params?: readonly unknown[],
  options?: QueryOptions,
): Promise<SqlResult<R>> {
  const values = params as unknown[] | undefined;
  // A config object costs node-postgres a property-by-property copy per call: only named statements need one.
  const result = options?.preparedAs ? await target.query({ name: options.preparedAs, text, values }) : await target.query(text, values);
  return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
}

async function runArrayQuery(target: Pool | PoolClient | Client, text: string, params?: readonly unknown[]): Promise<SqlResult<unknown[]>> {
  const result = await target.query({ text, values: params as unknown[] | undefined, rowMode: 'array' });
  return { rows: result.rows as unknown[][], rowCount: result.rowCount ?? 0 };
}

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
