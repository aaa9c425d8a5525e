import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { Pool } from 'pg';
import { CLI_COMMANDS } from '../../src/cli/commands';
import { runCli } from '../../src/cli/run-cli';
import type { EnvSource } from '../../src/shared/config/load-app-config';
import { subscriptionsIdle } from './subscriptions-idle';
import type { TestApp } from './test-app';

export type ScanHit = Readonly<{ table: string; column: string; needle: string; rows: number }>;

type Column = { table_schema: string; table_name: string; column_name: string };

/**
 * Every column of every table in the database, cast to text, searched case-insensitively for each
 * needle: where a value is stored, in any table, any column, any row, the event log included.
 */
export async function scanDatabase(pool: Pool, needles: readonly string[]): Promise<ScanHit[]> {
  const { rows: columns } = await pool.query<Column>(
    `SELECT c.table_schema, c.table_name, c.column_name
     FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
     ORDER BY 1, 2, 3`,
  );
  const hits: ScanHit[] = [];
  for (const column of columns) {
    const table = `${quoted(column.table_schema)}.${quoted(column.table_name)}`;
    for (const needle of needles) {
      const { rows } = await pool.query<{ count: string }>(`SELECT count(*) FROM ${table} WHERE strpos(lower(${quoted(column.column_name)}::text), $1) > 0`, [
        needle.toLowerCase(),
      ]);
      const count = Number(rows[0]!.count);
      if (count > 0) hits.push({ table: column.table_name, column: column.column_name, needle, rows: count });
    }
  }
  return hits;
}

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** The read models the app defines: every subscription whose id says it is one. */
export function readModelSubscriptionIds(app: TestApp): string[] {
  return app.running.app
    .get(EventsSubscriptionsFactory)
    .subscriptions()
    .map((subscription) => subscription.subscriptionId)
    .filter((id) => /ReadModel_v\d+$/.test(id));
}

/**
 * Rebuilds every read model from the first event with the CLI's `rebuild`, as an operator would:
 * the running app holds the subscriptions, so it replays them; then waits until all are idle.
 * `env`: what the CLI must share with the app, such as its PERSONAL_DATA_MASTER_KEY.
 */
export async function rebuildEveryReadModel(app: TestApp, env: EnvSource = {}): Promise<string[]> {
  const ids = readModelSubscriptionIds(app);
  for (const id of ids) {
    const exitCode = await runCli(['rebuild', id], CLI_COMMANDS, { out: () => undefined, err: () => undefined }, { DATABASE_URL: app.database.url, LOG_LEVEL: 'silent', ...env });
    if (exitCode !== 0) throw new Error(`rebuild ${id} exited with ${exitCode}`);
  }
  await subscriptionsIdle(app, 30_000);
  return ids;
}
