import type { PGlite, Transaction } from '@electric-sql/pglite';
import { setLocalStatements, type SqlClient, type SqlExecutor, type SqlResult, type SqlRow, type SqlSession } from './sql-client';

/**
 * SqlClient over embedded PGlite. PGlite is a single connection, so a "session" is that same
 * connection: advisory locks and LISTEN behave as in one PostgreSQL backend, which is all an
 * embedded, single-process database needs.
 */
export function pgliteSqlClient(db: PGlite): SqlClient {
  const executor = executorOver(db);
  return {
    dialect: 'pglite',
    ...executor,
    transaction: (work, options) =>
      db.transaction(async (tx) => {
        const settings = setLocalStatements(options?.localSettings);
        if (settings) await tx.exec(settings);
        return work(executorOver(tx));
      }),
    openSession: async (): Promise<SqlSession> => {
      const unsubscribers: (() => Promise<void>)[] = [];
      return {
        ...executor,
        listen: async (channel, onNotification) => {
          unsubscribers.push(await db.listen(channel, onNotification));
        },
        onLost: () => undefined,
        release: async () => {
          await Promise.all(unsubscribers.map((unsubscribe) => unsubscribe()));
        },
      };
    },
  };
}

function executorOver(target: PGlite | Transaction): SqlExecutor {
  return {
    query: async <R extends object = SqlRow>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> => {
      const result = await target.query<R>(text, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: rowCountOf(result) };
    },
    queryArrays: async (text, params) => {
      const result = await target.query<unknown[]>(text, params as unknown[] | undefined, { rowMode: 'array' });
      return { rows: result.rows, rowCount: rowCountOf(result) };
    },
    executeScript: async (sql) => {
      await target.exec(sql);
    },
  };
}

/** Like node-postgres: rows returned by a SELECT, rows changed by INSERT/UPDATE/DELETE (PGlite reports 0 affected for a SELECT). */
function rowCountOf(result: { rows: unknown[]; affectedRows?: number }): number {
  return Math.max(result.affectedRows ?? 0, result.rows.length);
}
