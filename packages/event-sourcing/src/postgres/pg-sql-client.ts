import type { Writable } from 'node:stream';
import { Client, type ClientConfig, type Pool, type PoolClient } from 'pg';
import {
  runOpeningStatement,
  setLocalStatements,
  type QueryOptions,
  type SqlClient,
  type SqlExecutor,
  type SqlResult,
  type SqlRow,
  type SqlSession,
  type TransactionOptions,
} from './sql-client';

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
      const client = await pool.connect();
      let broken: Error | undefined;
      // The pool stops listening to a client it lends out: without a listener of our own, a
      // connection dropped mid-transaction (a database restart) would crash the process.
      const onConnectionError = (error: Error) => {
        broken = error;
      };
      client.on('error', onConnectionError);
      try {
        const result = isPipelining(client) ? await workPipelined(client, work, options) : await workStepByStep(client, work, options);
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

/** node-postgres from 8.23 on, created with `pipeline: true`: it writes a statement without waiting for the answers to those before. */
function isPipelining(client: PoolClient): boolean {
  return client.pipeline === true;
}

/** One simple-protocol script: the settings ride along with BEGIN. */
function beginScript(options: TransactionOptions | undefined): string {
  return `BEGIN; ${setLocalStatements(options?.localSettings)}`;
}

async function workStepByStep<T>(client: PoolClient, work: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions | undefined): Promise<T> {
  const tx = executorOver(client);
  await client.query(beginScript(options));
  for (const opening of options?.opening ?? []) await runOpeningStatement(tx, opening);
  return work(tx);
}

/**
 * BEGIN, the opening statements and the work's first statement leave in one round trip, where
 * waiting for each answer would cost three, and in one write to the socket, where each statement
 * would be a write of its own: on loopback every write is a system call that wakes the server.
 * Safe without waiting for BEGIN: the script is generated, so it cannot fail to parse, and
 * anything failing after BEGIN leaves the transaction aborted, so no later statement of the work
 * can run outside it.
 */
async function workPipelined<T>(client: PoolClient, work: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions | undefined): Promise<T> {
  const tx = executorOver(client);
  // Before holding the writes: a refused setting name throws here, and the ROLLBACK must not be held.
  const begin = beginScript(options);
  const held = holdWritesUntilFirstStatement(client, tx);
  const opened = Promise.all([client.query(begin), ...(options?.opening ?? []).map((opening) => runOpeningStatement(tx, opening))]);
  // Observed below, once the work is done; until then a failure must not count as unhandled.
  opened.catch(() => undefined);
  let result: T;
  try {
    result = await work(held.tx);
  } catch (error) {
    held.release();
    // A failed opening aborted the transaction, so the work's error is its consequence: report the cause.
    await opened;
    throw error;
  }
  held.release();
  await opened;
  return result;
}

/**
 * Corks the connection's socket, and uncorks it right after the work's first statement is queued
 * (node-postgres writes a pipelined statement as soon as it is asked), or when the work ends
 * without one. node-postgres corks around each statement's messages too; corks nest, so
 * everything held goes out in the one write the last uncork makes. The answers are not held:
 * nothing waits on BEGIN or the openings before the work's first statement is written.
 */
function holdWritesUntilFirstStatement(client: PoolClient, tx: SqlExecutor): { tx: SqlExecutor; release: () => void } {
  const socket = (client as unknown as { connection?: { stream?: Partial<Pick<Writable, 'cork' | 'uncork'>> } }).connection?.stream;
  if (typeof socket?.cork !== 'function' || typeof socket.uncork !== 'function') return { tx, release: () => undefined };
  socket.cork();
  let holding = true;
  const release = () => {
    if (!holding) return;
    holding = false;
    socket.uncork!();
  };
  const releasingAfter = <R>(sent: Promise<R>): Promise<R> => {
    release();
    return sent;
  };
  return {
    tx: {
      query: (text, params, options) => releasingAfter(tx.query(text, params, options)),
      queryArrays: (text, params) => releasingAfter(tx.queryArrays(text, params)),
      executeScript: (sql) => releasingAfter(tx.executeScript(sql)),
    },
    release,
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
