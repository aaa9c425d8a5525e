import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/postgres/test-database';

const packageRoot = join(__dirname, '..');
const workspaceRoot = join(packageRoot, '..', '..');
const fixtureApp = join(__dirname, 'fixtures', 'published-app');

/** What the fixture app installs beside the SDK: the peers its entries load, and what a NestJS app brings anyway. */
const APP_DEPENDENCIES = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/cqrs',
  '@nestjs/event-emitter',
  '@types/node',
  '@types/pg',
  'pg',
  'reflect-metadata',
  'rxjs',
];

type PackedFile = { path: string };
type PackResult = { filename: string; files: PackedFile[] };

/** The workspace's installed version, so npm finds the package in its cache. */
function workspaceVersionOf(name: string): string {
  return (JSON.parse(readFileSync(join(workspaceRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Child npm runs must not inherit the workspace settings of an `npm run` that started the tests. */
function envWithoutNpmSettings(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  return { ...env, ...extra };
}

/** Runs a step of the scenario; a failing one throws with what it printed, e.g. tsc's errors. */
function run(command: string, args: string[], cwd: string, env = envWithoutNpmSettings()): string {
  try {
    return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** Builds into a staging folder and packs it there, leaving the package's own `dist` to the tests that run it. */
function packTheSdk(into: string): PackResult {
  const stage = join(into, 'stage');
  mkdirSync(stage);
  run(process.execPath, [join(packageRoot, 'scripts', 'build.cjs'), join(stage, 'dist')], packageRoot);
  copyFileSync(join(packageRoot, 'package.json'), join(stage, 'package.json'));
  copyFileSync(join(packageRoot, 'README.md'), join(stage, 'README.md'));
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], stage)) as PackResult[];
  return { filename: join(into, packed!.filename), files: packed!.files };
}

describe('the SDK as published, in a NestJS application outside the workspace', () => {
  let folder: string;
  let app: string;
  let packed: PackResult;
  let database: TestDatabase;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'published-sdk-'));
    packed = packTheSdk(folder);
    app = join(folder, 'app');
    cpSync(fixtureApp, app, { recursive: true });
    const dependencies = Object.fromEntries(APP_DEPENDENCIES.map((name) => [name, workspaceVersionOf(name)]));
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'published-sdk-app', private: true, dependencies: { '@coderscamp/event-sourcing': `file:${packed.filename}`, ...dependencies } }),
    );
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], app);
    // tsc of the workspace, against the app's node_modules: the published declaration files, checked too (no skipLibCheck).
    run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app], app);
    database = await createTestDatabase({ prefix: 'published_sdk' });
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('publishes the build, its declaration files and the README, and no source', () => {
    const paths = packed.files.map((file) => file.path);

    expect(paths.filter((path) => !path.startsWith('dist/'))).toEqual(expect.arrayContaining(['README.md', 'package.json']));
    expect(paths.filter((path) => !path.startsWith('dist/') && path !== 'README.md' && path !== 'package.json')).toEqual([]);
    const entries = ['index', 'adapters/index', 'postgres/index', 'nestjs/index', 'testing/index', 'testing/nestjs/index', 'testing/postgres/index'];
    expect(paths).toEqual(expect.arrayContaining(entries.flatMap((entry) => [`dist/${entry}.js`, `dist/${entry}.d.ts`])));
    expect(existsSync(join(app, 'node_modules', '@coderscamp', 'event-sourcing', 'src'))).toBe(false);
  });

  it('given a decide function, then the testing entry checks it without loading NestJS or the PostgreSQL driver', () => {
    const output = JSON.parse(run(process.execPath, ['dist/counter.decider-check.js'], app)) as unknown;

    expect(output).toEqual({ decisionsChecked: 2, frameworksLoaded: [] });
  });

  it('given the slice and the projection on PostgreSQL, when the command is sent, then its event is appended and the projection writes its row', () => {
    const output = JSON.parse(run(process.execPath, ['dist/main.js'], app, envWithoutNpmSettings({ DATABASE_URL: database.url }))) as {
      commandId: string;
    };

    expect(output).toEqual({
      commandId: expect.any(String),
      appended: ['CounterWasIncremented'],
      events: [
        {
          stream_name: 'Counter_c1',
          type: 'CounterWasIncremented',
          data: { counterId: 'c1', by: 3 },
          metadata: { correlationId: output.commandId, causationId: output.commandId },
        },
      ],
      totals: [{ counter_id: 'c1', total: 3 }],
    });
  });
});
