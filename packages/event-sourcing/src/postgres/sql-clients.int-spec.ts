import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/postgres/test-database';
import { pgSqlClient } from './pg-sql-client';
import { pgliteSqlClient } from './pglite-sql-client';
import type { SqlClient } from './sql-client';

function sqlClientContract(name: string, open: () => Promise<{ client: SqlClient; close(): Promise<void> }>): void {
  describe(`${name} SQL client`, () => {
    let client: SqlClient;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ client, close } = await open());
      await client.executeScript('CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL); CREATE TABLE other (id integer)');
    });
    afterAll(() => close());

    it('runs parameterised statements and reports affected rows', async () => {
      const inserted = await client.query('INSERT INTO items VALUES ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
      expect(inserted.rowCount).toBe(2);
      const selected = await client.query('SELECT id, name FROM items ORDER BY id');
      expect(selected.rows).toEqual([
        { id: 1, name: 'one' },
        { id: 2, name: 'two' },
      ]);
      expect(selected.rowCount).toBe(2);
      expect((await client.query('UPDATE items SET name = upper(name)')).rowCount).toBe(2);
    });

    it('returns rows as arrays in column order, even with repeated column names', async () => {
      const { rows } = await client.queryArrays('SELECT i.id, i.name, j.id FROM items i JOIN items j ON j.id = i.id WHERE i.id = $1', [1]);
      expect(rows).toEqual([[1, 'ONE', 1]]);
    });

    it('rolls back a transaction whose work throws', async () => {
      await expect(
        client.transaction(async (tx) => {
          await tx.query('INSERT INTO items VALUES (3, $1)', ['three']);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect((await client.query('SELECT count(*)::integer AS n FROM items WHERE id = 3')).rows).toEqual([{ n: 0 }]);
    });

    it('applies local settings to its transaction only, and refuses what is not a setting name', async () => {
      const settingsNow = async (tx: Pick<SqlClient, 'query'>) =>
        (await tx.query<{ commit: string; style: string }>(`SELECT current_setting('synchronous_commit') AS commit, current_setting('DateStyle') AS style`))
          .rows[0];
      const inside = await client.transaction((tx) => settingsNow(tx), { localSettings: { synchronous_commit: 'off', DateStyle: "ISO, DMY" } });
      expect(inside).toEqual({ commit: 'off', style: 'ISO, DMY' });
      expect(await settingsNow(client)).toEqual({ commit: 'on', style: 'ISO, MDY' });
      await expect(client.transaction(async () => undefined, { localSettings: { 'work_mem = 1; DROP TABLE items; --': '1' } })).rejects.toThrow(
        'Not a setting name',
      );
      expect((await client.query('SELECT count(*)::integer AS n FROM items')).rowCount).toBe(1);
    });

    it('delivers notifications to a listening session', async () => {
      const session = await client.openSession();
      let deliver: (payload: string) => void = () => undefined;
      const received = new Promise<string>((resolve) => (deliver = resolve));
      await session.listen('sql_client_test', (payload) => deliver(payload));
      await client.query(`SELECT pg_notify('sql_client_test', 'hello')`);
      expect(await received).toBe('hello');
      await session.release();
    });
  });
}

describe('node-postgres SQL client when the server drops a connection', () => {
  let dropped: TestDatabase;
  beforeAll(async () => {
    dropped = await createTestDatabase();
  });
  afterAll(() => dropped.drop());

  it('given a transaction whose connection is terminated, then the transaction fails and the process carries on', async () => {
    const client = pgSqlClient(dropped.pool);
    const failed = client.transaction(async (tx) => {
      await tx.query('SELECT pg_sleep(10)');
    });
    const outcome = failed.then(
      () => 'committed',
      (error: Error) => error.message,
    );
    await vi.waitFor(async () => {
      const { rows } = await dropped.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(10)'`,
      );
      expect(rows).toHaveLength(1);
      await dropped.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    });
    expect(await outcome).toMatch(/terminat/i);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

let database: TestDatabase;
sqlClientContract('node-postgres', async () => {
  database = await createTestDatabase();
  return { client: pgSqlClient(database.pool), close: () => database.drop() };
});

sqlClientContract('PGlite', async () => {
  const db = new PGlite();
  return { client: pgliteSqlClient(db), close: () => db.close() };
});
