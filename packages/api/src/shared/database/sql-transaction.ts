import type { DatabaseConnection } from './database-connection';

export type SqlSession = Readonly<{
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}>;

/** Runs `work` in one transaction on either kind of connection; rolls back if it throws. */
export async function inTransaction<T>(connection: DatabaseConnection, work: (session: SqlSession) => Promise<T>): Promise<T> {
  if (connection.kind === 'pglite') {
    return connection.db.transaction((transaction) =>
      work({ query: async (sql, params) => (await transaction.query<never>(sql, params)).rows }),
    );
  }
  const client = await connection.pool.connect();
  try {
    await client.query('begin');
    const result = await work({ query: async (sql, params) => (await client.query(sql, params)).rows });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}
