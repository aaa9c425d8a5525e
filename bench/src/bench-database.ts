import { randomBytes } from 'node:crypto';
import { databaseUrl, withServerClient } from '@coderscamp/event-sourcing/testing/postgres';
import { Pool } from 'pg';

/** Pool settings shared by our code and every ceiling: any difference would show up in the ratio. */
export const POOL_SETTINGS = { max: 10 } as const;

/** A fresh schema and its own pool for one run, so runs never see each other's tables. */
export type RunSchema = Readonly<{
  pool: Pool;
  /** The same schema for another process (a server under test): the bench database with the schema as its search_path. */
  databaseUrl: string;
  /**
   * Brings the server to the same state before every measured phase: statistics and visibility
   * map up to date, no dirty pages left from the setup for a checkpoint to write meanwhile, and
   * every pooled connection open.
   */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}>;

/** A database of its own on the bench server, dropped at the end. */
export class BenchDatabase {
  private constructor(
    private readonly serverUrl: string,
    readonly name: string,
    private readonly url: string,
    private readonly admin: Pool,
  ) {}

  static async create(serverUrl: string): Promise<BenchDatabase> {
    const name = `bench_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await withServerClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = databaseUrl(serverUrl, name);
    const admin = new Pool({ connectionString: url, max: 2 });
    // Dropping the database ends the idle admin connections; that is expected, not a crash.
    admin.on('error', () => undefined);
    return new BenchDatabase(serverUrl, name, url, admin);
  }

  async serverVersion(): Promise<string> {
    const { rows } = await this.admin.query<{ server_version: string }>('SHOW server_version');
    return rows[0]!.server_version;
  }

  async openRunSchema(label: string): Promise<RunSchema> {
    const name = label.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    await this.admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE; CREATE SCHEMA ${name}`);
    const searchPath = `-c search_path=${name}`;
    const pool = new Pool({ ...POOL_SETTINGS, connectionString: this.url, options: searchPath });
    pool.on('error', () => undefined);
    const databaseUrl = new URL(this.url);
    databaseUrl.searchParams.set('options', searchPath);
    return {
      pool,
      databaseUrl: databaseUrl.toString(),
      settle: async () => {
        await this.admin.query('VACUUM (ANALYZE)');
        await this.admin.query('CHECKPOINT');
        await warmUp(pool);
      },
      dispose: async () => {
        await pool.end();
        await this.admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      },
    };
  }

  /** Forced, so it also works while runs still hold connections (an interrupted bench). */
  async drop(): Promise<void> {
    await withServerClient(this.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`));
    await this.admin.end();
  }
}

/** Opens every pooled connection up front, so no contender pays for connecting inside its timing. */
async function warmUp(pool: Pool): Promise<void> {
  const clients = await Promise.all(Array.from({ length: POOL_SETTINGS.max }, () => pool.connect()));
  clients.forEach((client) => client.release());
}
