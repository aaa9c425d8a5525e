import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withServerClient } from '@coderscamp/event-sourcing/testing/postgres';
import { freePort } from './free-port';

/** Where a running throwaway cluster lives; passed from the global setup to the spec files through the environment. */
export type ClusterHandle = Readonly<{ binaries: string; dataDir: string; port: number }>;

const CLUSTER_ENV = 'RELIABILITY_PG_CLUSTER';

/**
 * A PostgreSQL cluster of the suite's own (initdb into a temp dir, a random port on 127.0.0.1),
 * so restarting or overloading it never disturbs the shared server other test tiers use.
 * fsync is off: the suite kills the app and restarts the server process, never the machine,
 * so the OS page cache keeps every committed write.
 */
export async function createCluster(): Promise<ClusterHandle> {
  const binaries = findPostgresBinaries();
  const dataDir = mkdtempSync(join(tmpdir(), 'coderscamp-reliability-pg-'));
  if (runsAsRoot()) chownSync(dataDir, postgresUid(), postgresUid());
  const handle = { binaries, dataDir, port: await freePort() };
  runPostgresTool(handle, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
  startCluster(handle);
  return handle;
}

export function startCluster(handle: ClusterHandle): void {
  const options = [`-p ${handle.port}`, `-k ${handle.dataDir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c max_connections=200'];
  runPostgresTool(handle, 'pg_ctl', ['-D', handle.dataDir, '-o', options.join(' '), '-l', join(handle.dataDir, 'server.log'), '-w', 'start']);
}

/** `immediate` is a crash from the clients' point of view: connections drop without a goodbye. */
export function stopCluster(handle: ClusterHandle, mode: 'fast' | 'immediate' = 'fast'): void {
  runPostgresTool(handle, 'pg_ctl', ['-D', handle.dataDir, '-m', mode, '-w', 'stop']);
}

export function destroyCluster(handle: ClusterHandle): void {
  try {
    stopCluster(handle, 'immediate');
  } finally {
    rmSync(handle.dataDir, { recursive: true, force: true });
  }
}

export function serverUrl(handle: ClusterHandle, database = 'postgres'): string {
  return `postgres://postgres@127.0.0.1:${handle.port}/${database}`;
}

export function publishCluster(handle: ClusterHandle): void {
  process.env[CLUSTER_ENV] = JSON.stringify(handle);
}

export function publishedCluster(): ClusterHandle {
  const value = process.env[CLUSTER_ENV];
  if (!value) throw new Error(`${CLUSTER_ENV} is not set: run the suite with "npm run test:reliability"`);
  return JSON.parse(value) as ClusterHandle;
}

/** A fresh database in the cluster for one scenario. */
export async function createDatabase(handle: ClusterHandle, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  await withServerClient(serverUrl(handle), (admin) => admin.query(`CREATE DATABASE ${name}`));
  return serverUrl(handle, name);
}

function runPostgresTool(handle: Pick<ClusterHandle, 'binaries'>, tool: string, args: string[]): void {
  const command = [...(runsAsRoot() ? ['runuser', '-u', 'postgres', '--'] : []), join(handle.binaries, tool), ...args];
  execFileSync(command[0]!, command.slice(1), { stdio: 'ignore' });
}

function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUid(): number {
  return Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
}

function findPostgresBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => join(root, version, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) throw new Error(`No PostgreSQL binaries under ${root}: the reliability suite needs initdb and pg_ctl`);
  return found;
}
