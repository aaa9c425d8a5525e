import { runOpeningStatement, setLocalStatements, type SqlClient, type SqlExecutor, type SqlResult, type SqlRow, type SqlSession } from './sql-client';

/** What the client uses of a PGlite database or transaction. */
export interface PGliteQueries {
  query<R>(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

/**
 * What the client uses of `PGlite` from `@electric-sql/pglite`, declared here so that the SDK's
 * types, like its code, need that package only in applications that embed it.
 */
export interface PGliteDatabase extends PGliteQueries {
  transaction<T>(work: (tx: PGliteQueries) => Promise<T>): Promise<T>;
  listen(channel: string, onNotification: (payload: string) => void): Promise<() => Promise<void>>;
}

/**
 * SqlClient over embedded PGlite. PGlite is a single connection, so a "session" is that same
 * connection: advisory locks and LISTEN behave as in one PostgreSQL backend, which is all an
 * embedded, single-process database needs.
 */
export function pgliteSqlClient(db: PGliteDatabase): SqlClient {
  const executor = executorOver(db);
  return {
    dialect: 'pglite',
    ...executor,
    transaction: (work, options) =>
      db.transaction(async (tx) => {
        const settings = setLocalStatements(options?.localSettings);
        if (settings) await tx.exec(settings);
        const executor = executorOver(tx);
        for (const opening of options?.opening ?? []) await runOpeningStatement(executor, opening);
        return work(executor);
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

function executorOver(target: PGliteQueries): SqlExecutor {
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
