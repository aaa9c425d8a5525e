import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../config/app-config';
import { sqlClientOf, type DatabaseConnection } from './database-connection';
import { closeDatabaseConnection, openDatabaseConnection } from './open-database-connection';
import { runReadModelMigrations } from './read-model-migration.runner';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Target = Readonly<{ open(): Promise<DatabaseConnection>; dispose(): Promise<void> }>;

function pgliteTarget(): Target {
  return { open: () => openDatabaseConnection({ kind: 'pglite', dataDir: 'memory://' }), dispose: async () => undefined };
}

function postgresTarget(): Target {
  const database = `read_model_migrations_${randomUUID().replaceAll('-', '')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: SERVER_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    open: async () => {
      await admin(`create database ${database}`);
      const url = new URL(SERVER_URL);
      url.pathname = `/${database}`;
      const config: DatabaseConfig = { kind: 'postgres', url: url.toString(), poolMax: 2, pipeline: false };
      return openDatabaseConnection(config);
    },
    dispose: () => admin(`drop database if exists ${database} with (force)`),
  };
}

const tableNames = async (connection: DatabaseConnection) => {
  const sql = `select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
  const rows =
    connection.kind === 'postgres' ? (await connection.pool.query(sql)).rows : (await connection.db.query<{ table_name: string }>(sql)).rows;
  return rows.map((row) => row.table_name);
};

describe.each([
  ['PGlite', pgliteTarget],
  ['PostgreSQL', postgresTarget],
])('read-model migrations on %s', (_name, createTarget) => {
  let target: Target;
  let connection: DatabaseConnection;
  let directory: string;

  beforeEach(async () => {
    target = createTarget();
    connection = await target.open();
    directory = await mkdtemp(join(tmpdir(), 'read-model-migrations-'));
  });

  afterEach(async () => {
    await closeDatabaseConnection(connection);
    await target.dispose();
    await rm(directory, { recursive: true, force: true });
  });

  const writeMigration = (name: string, sql: string) => writeFile(join(directory, name), sql);

  it('given generated files, then applies each statement in file order and records them', async () => {
    await writeMigration(
      '0001_add_progress_column.sql',
      'ALTER TABLE "course_progress" ADD COLUMN "completed_tasks" integer DEFAULT 0 NOT NULL;',
    );
    await writeMigration(
      '0000_create_tables.sql',
      'CREATE TABLE "course_progress" ("user_id" uuid PRIMARY KEY);\n--> statement-breakpoint\nCREATE TABLE "learning_materials" ("id" text PRIMARY KEY);',
    );

    const applied = await runReadModelMigrations(sqlClientOf(connection), directory);

    expect(applied).toEqual(['0000_create_tables.sql', '0001_add_progress_column.sql']);
    expect(await tableNames(connection)).toEqual(['course_progress', 'learning_materials', 'read_model_migrations']);
  });

  it('given migrations already applied, then applies only the new ones', async () => {
    await writeMigration('0000_create_tables.sql', 'CREATE TABLE "course_progress" ("user_id" uuid PRIMARY KEY);');
    await runReadModelMigrations(sqlClientOf(connection), directory);
    await writeMigration('0001_more.sql', 'CREATE TABLE "learning_materials" ("id" text PRIMARY KEY);');

    expect(await runReadModelMigrations(sqlClientOf(connection), directory)).toEqual(['0001_more.sql']);
    expect(await runReadModelMigrations(sqlClientOf(connection), directory)).toEqual([]);
  });

  it('given a failing migration, then applies none of the pending ones', async () => {
    await writeMigration('0000_ok.sql', 'CREATE TABLE "course_progress" ("user_id" uuid PRIMARY KEY);');
    await writeMigration('0001_broken.sql', 'CREATE TABLE "course_progress" ("user_id" uuid PRIMARY KEY);');

    await expect(runReadModelMigrations(sqlClientOf(connection), directory)).rejects.toThrow(/already exists/);
    expect(await tableNames(connection)).toEqual([]);
  });

  it('given an applied migration edited afterwards, then refuses to start', async () => {
    await writeMigration('0000_create_tables.sql', 'CREATE TABLE "course_progress" ("user_id" uuid PRIMARY KEY);');
    await runReadModelMigrations(sqlClientOf(connection), directory);
    await writeMigration('0000_create_tables.sql', 'CREATE TABLE "course_progress" ("user_id" text PRIMARY KEY);');

    await expect(runReadModelMigrations(sqlClientOf(connection), directory)).rejects.toThrow(/0000_create_tables.sql was changed/);
  });
});
