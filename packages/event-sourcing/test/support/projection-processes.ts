import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { migrateEventStore, pgSqlClient } from '../../src/postgres';
import { createTestDatabase, type TestDatabase } from '../../src/testing/postgres/test-database';

const packageRoot = join(__dirname, '..', '..');

/** A process of `test/fixtures`, whose latest status line (one JSON object a line) is kept. */
export type ProjectionProcess<S> = Readonly<{ name: string; child: ChildProcess; latest: () => S | null }>;

export type ProjectionProcesses<S> = Readonly<{
  /** A database of its own with the event store migrated, dropped after the test. */
  migratedDatabase(): Promise<TestDatabase>;
  /** Runs the fixture with `databaseUrl`, `name` and `args`; killed after the test if still running. */
  start(databaseUrl: string, name: string, args?: readonly string[]): ProjectionProcess<S>;
}>;

/**
 * For the enclosing describe, whose tests run `fixtureFile` as processes against a database: builds
 * the SDK first, since the processes run it as an application would, and after each test kills the
 * processes still running and drops the test's database.
 */
export function projectionProcesses<S>(fixtureFile: string): ProjectionProcesses<S> {
  const fixture = join(packageRoot, 'test', 'fixtures', fixtureFile);
  const children: ChildProcess[] = [];
  let database: TestDatabase | undefined;

  beforeAll(() => {
    execFileSync('npm', ['run', 'build'], { cwd: packageRoot, stdio: 'ignore' });
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => killed(child)));
    await database?.drop();
    database = undefined;
  });

  return {
    migratedDatabase: async () => {
      database = await createTestDatabase();
      await migrateEventStore(pgSqlClient(database.pool));
      return database;
    },
    start: (databaseUrl, name, args = []) => {
      const child = spawn(process.execPath, [fixture, databaseUrl, name, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      return { name, child, latest: latestStatusOf<S>(child) };
    },
  };
}

/** Resolves once `child` has exited, sending it `signal` if it is still running. */
export function killed(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

function latestStatusOf<S>(child: ChildProcess): () => S | null {
  let latest: S | null = null;
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) latest = JSON.parse(line) as S;
  });
  return () => latest;
}
