import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/postgres/test-database';

const packageRoot = join(__dirname, '..');
const workspaceRoot = join(packageRoot, '..', '..');
const fixtureApp = join(__dirname, 'fixtures', 'published-app');

/** What the fixture app installs beside the SDK: the peers of every entry, and what a NestJS app brings anyway. */
const APP_DEPENDENCIES = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/cqrs',
  '@nestjs/event-emitter',
  '@nestjs/testing',
  '@types/node',
  '@types/pg',
  'pg',
  'reflect-metadata',
  'rxjs',
];

const ENTRY_POINTS = [
  '@coderscamp/event-sourcing',
  '@coderscamp/event-sourcing/adapters',
  '@coderscamp/event-sourcing/postgres',
  '@coderscamp/event-sourcing/nestjs',
  '@coderscamp/event-sourcing/testing',
  '@coderscamp/event-sourcing/testing/nestjs',
  '@coderscamp/event-sourcing/testing/postgres',
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

/**
 * The peer dependencies the README's entry-point table names per entry, without the `@types/*`
 * packages, which declarations need and nothing loads.
 */
function peersDocumentedPerEntry(readme: string): Record<string, string[]> {
  const rows = readme.matchAll(/^\| `(@coderscamp\/event-sourcing[^`]*)` \|[^|]*\|([^|]*)\|$/gm);
  return Object.fromEntries(
    [...rows].map(([, entry, peers]) => [entry!, [...peers!.matchAll(/`([^`]+)`/g)].map(([, name]) => name!).filter((name) => !name.startsWith('@types/')).sort()]),
  );
}

/** Which of `peers` requiring `entry` in a fresh process loads, directly or through one another. */
function peersLoadedBy(entry: string, peers: string[], app: string): string[] {
  const script = `
    require(${JSON.stringify(entry)});
    const loaded = Object.keys(require.cache).map((path) => path.replaceAll('\\\\', '/'));
    const peers = ${JSON.stringify(peers)}.filter((peer) => loaded.some((path) => path.includes('/node_modules/' + peer + '/')));
    console.log(JSON.stringify(peers.sort()));`;
  return JSON.parse(run(process.execPath, ['-e', script], app)) as string[];
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

  it('given the slices and the automation, then their specifications pass through the NestJS testing entry with test commands', () => {
    const output = JSON.parse(run(process.execPath, ['dist/counter.slices-check.js'], app)) as { specificationsPassed: string[] };

    expect(output.specificationsPassed).toHaveLength(3);
  });

  it('names, in the README, exactly the peer dependencies each entry point loads', () => {
    const installed = join(app, 'node_modules', '@coderscamp', 'event-sourcing');
    const documented = peersDocumentedPerEntry(readFileSync(join(installed, 'README.md'), 'utf8'));
    const { peerDependencies } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };

    expect(Object.keys(documented)).toEqual(ENTRY_POINTS);
    for (const entry of ENTRY_POINTS) {
      expect({ entry, peers: peersLoadedBy(entry, Object.keys(peerDependencies), app) }).toEqual({ entry, peers: documented[entry] });
    }
  });

  it('given the slices, the automation and the projection on PostgreSQL, when a counter is incremented, then the automation adds it to the grand total and the projection writes its row', () => {
    const output = JSON.parse(run(process.execPath, ['dist/main.js'], app, envWithoutNpmSettings({ DATABASE_URL: database.url }))) as {
      commandId: string;
      events: { event_id: string; metadata: { causationId: string } }[];
    };
    const [incremented, increased] = output.events;

    expect(output).toEqual({
      commandId: expect.any(String),
      counterVersion: 1,
      events: [
        {
          event_id: expect.any(String),
          stream_name: 'Counter_c1',
          type: 'CounterWasIncremented',
          data: { counterId: 'c1', by: 3 },
          // The command is recorded with its events: what the causation view draws them under.
          metadata: { correlationId: output.commandId, causationId: output.commandId, command: { type: 'IncrementCounter', issuedAt: expect.any(String) } },
        },
        {
          event_id: expect.any(String),
          stream_name: 'GrandTotal_all',
          type: 'GrandTotalWasIncreased',
          data: { incrementId: incremented!.event_id, by: 3 },
          metadata: {
            correlationId: output.commandId,
            causationId: expect.any(String),
            command: {
              type: 'AddToGrandTotal',
              issuedAt: expect.any(String),
              causationId: incremented!.event_id,
              automation: 'WhenCounterWasIncrementedThenAddToGrandTotal_v1',
            },
          },
        },
      ],
      totals: [{ counter_id: 'c1', total: 3 }],
    });
    // Caused by the command the automation sent, not by the one the application sent.
    expect(increased!.metadata.causationId).not.toBe(output.commandId);
  });
});
