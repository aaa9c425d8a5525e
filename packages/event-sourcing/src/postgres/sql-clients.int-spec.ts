import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/postgres/test-database';
import { pgSqlClient } from './pg-sql-client';
import { pgliteSqlClient } from './pglite-sql-client';
import type { SqlClient, SqlResult } from './sql-client';

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

    describe('opening statements', () => {
      const count = async (id: number) => (await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM items WHERE id = $1', [id])).rows[0]!.n;
      const nothingChanged = (result: SqlResult) => {
        if (result.rowCount === 0) throw new Error('nothing to move');
      };

      it('runs them in order before the work, and commits when their checks pass', async () => {
        const seen = await client.transaction(async (tx) => (await tx.query<{ name: string }>('SELECT name FROM items WHERE id = 20')).rows, {
          opening: [
            { text: 'INSERT INTO items VALUES (20, $1)', params: ['first'] },
            { text: 'UPDATE items SET name = name || $1 WHERE id = 20', params: [' then second'], check: nothingChanged },
          ],
        });
        expect(seen).toEqual([{ name: 'first then second' }]);
        expect(await count(20)).toBe(1);
      });

      it('given a check that fails, then the work is rolled back and the check is what fails the transaction', async () => {
        const outcome = client.transaction((tx) => tx.query('INSERT INTO items VALUES (21, $1)', ['rolled back']), {
          opening: [{ text: 'UPDATE items SET name = name WHERE id = -1', check: nothingChanged }],
        });
        await expect(outcome).rejects.toThrow('nothing to move');
        expect(await count(21)).toBe(0);
      });

      it('given an opening statement that fails, then its error is reported, not the aborted work it caused', async () => {
        const outcome = client.transaction((tx) => tx.query('INSERT INTO items VALUES (22, $1)', ['rolled back']), {
          opening: [{ text: 'SELECT 1 / (SELECT count(*)::integer FROM items WHERE id = -1)' }],
        });
        await expect(outcome).rejects.toThrow(/division by zero/);
        expect(await count(22)).toBe(0);
      });
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

describe('node-postgres SQL client, pipelining or not', () => {
  let pipelining: TestDatabase;
  let stepByStep: TestDatabase;
  beforeAll(async () => {
    [pipelining, stepByStep] = await Promise.all([createTestDatabase(), createTestDatabase({ pipeline: false })]);
    await Promise.all([pipelining, stepByStep].map(({ pool }) => pool.query('CREATE TABLE locked (id integer PRIMARY KEY)')));
  });
  afterAll(() => Promise.all([pipelining, stepByStep].map((database) => database.drop())));

  /** Whether the work had started while its opening statement was still waiting on the server for a row lock. */
  async function workStartedBeforeOpeningAnswered(database: TestDatabase): Promise<boolean> {
    const holder = await database.pool.connect();
    await holder.query('BEGIN');
    await holder.query('INSERT INTO locked VALUES (1)');
    let workStarted = false;
    const transaction = pgSqlClient(database.pool).transaction(
      async (tx) => {
        workStarted = true;
        await tx.query('SELECT 1');
      },
      // Waits for the holder's uncommitted row with the same key.
      { opening: [{ text: 'INSERT INTO locked VALUES (1) ON CONFLICT (id) DO NOTHING' }] },
    );
    await vi.waitFor(async () => {
      const { rows } = await database.pool.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      expect(rows).toHaveLength(1);
    });
    const started = workStarted;
    await holder.query('ROLLBACK');
    holder.release();
    await transaction;
    await database.pool.query('DELETE FROM locked');
    return started;
  }

  it("given a pipelining pool, then the work's first statement leaves before the opening statement is answered", async () => {
    expect(await workStartedBeforeOpeningAnswered(pipelining)).toBe(true);
  });

  it("given a pool that does not pipeline, then the work waits for the opening statement's answer", async () => {
    expect(await workStartedBeforeOpeningAnswered(stepByStep)).toBe(false);
  });

  /** How many times the transaction's connection wrote to its socket, from BEGIN to COMMIT. */
  async function socketWritesOfTransaction(database: TestDatabase, statementsOfWork: number): Promise<number> {
    let writes = 0;
    const countWrites = (client: PoolClient) => {
      const socket = (client as unknown as { connection: { stream: { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void } } }).connection.stream;
      for (const method of ['_write', '_writev'] as const) {
        vi.spyOn(socket, method).mockImplementation(function (this: unknown, ...args: unknown[]) {
          writes += 1;
          return (Object.getPrototypeOf(socket) as typeof socket)[method].apply(this, args);
        });
      }
    };
    database.pool.once('acquire', countWrites);
    try {
      await pgSqlClient(database.pool).transaction(
        async (tx) => {
          for (let statement = 0; statement < statementsOfWork; statement++) await tx.query('SELECT $1::integer AS n', [statement]);
        },
        { opening: [{ text: 'SELECT 1' }, { text: 'SELECT 2' }] },
      );
    } finally {
      // The pooled connection lives on: it must not keep counting for the next test.
      vi.restoreAllMocks();
    }
    return writes;
  }

  it("given a pipelining pool, then BEGIN, the opening statements and the work's first statement leave in one write; each later statement and COMMIT in one of their own", async () => {
    expect(await socketWritesOfTransaction(pipelining, 1)).toBe(2);
    expect(await socketWritesOfTransaction(pipelining, 3)).toBe(4);
  });

  it('given a pipelining pool and work that sends no statement, then what it holds back still leaves and the transaction commits', async () => {
    expect(await socketWritesOfTransaction(pipelining, 0)).toBe(2);
  });

  it('given a pool that does not pipeline, then every statement is a write of its own', async () => {
    expect(await socketWritesOfTransaction(stepByStep, 1)).toBe(5);
  });
});

let database: TestDatabase;
sqlClientContract('node-postgres (pipelining)', async () => {
  database = await createTestDatabase();
  return { client: pgSqlClient(database.pool), close: () => database.drop() };
});

let stepByStepDatabase: TestDatabase;
sqlClientContract('node-postgres (step by step)', async () => {
  stepByStepDatabase = await createTestDatabase({ pipeline: false });
  return { client: pgSqlClient(stepByStepDatabase.pool), close: () => stepByStepDatabase.drop() };
});

sqlClientContract('PGlite', async () => {
  const db = new PGlite();
  return { client: pgliteSqlClient(db), close: () => db.close() };
});
