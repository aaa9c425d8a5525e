import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { APP_MAIN, appNodeFlags, ChildServer } from '../http/child-server';
import type { PreparedRun, RunDatabase, Workload } from './workload';

type DatabaseKind = 'embedded' | 'postgres';

const TARGET_MS: Record<DatabaseKind, number> = { embedded: 5_000, postgres: 2_000 };
const GIVE_UP_AFTER_MS = 60_000;

/**
 * S1: `npm start` without its build step, i.e. `node --enable-source-maps packages/api/dist/start.js`,
 * until GET /api/health answers 200 with status ok: on the embedded database in a fresh DATA_DIR,
 * or on PostgreSQL in a fresh schema (every migration runs, as on a new database). Timed from
 * the spawn; npm's own start-up and the build are not included. Like any start after the first
 * one, it finds the code cache an earlier start of the same build wrote (ADR 0009).
 */
export function startToHealthy(kind: DatabaseKind): Workload {
  return {
    id: `S1-${kind === 'embedded' ? 'embedded' : 'pg'}`,
    title: `\`npm start\` (built) to a healthy /api/health, ${kind === 'embedded' ? 'embedded database, fresh DATA_DIR' : 'PostgreSQL, fresh schema'}`,
    unit: null,
    latencyOf: 'spawn → /api/health 200',
    target: { kind: 'latencyBelow', percentile: 50, ms: TARGET_MS[kind] },
    contenders: ['ours'],
    prepare: (_contender, database) => prepare(kind, database),
  };
}

async function prepare(kind: DatabaseKind, { databaseUrl }: RunDatabase): Promise<PreparedRun> {
  const dataDirectory = kind === 'embedded' ? await mkdtemp(path.join(os.tmpdir(), 'bench-s1-')) : undefined;
  const env: Record<string, string> = dataDirectory === undefined ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDirectory };
  const nodeFlags = await appNodeFlags();
  let app: ChildServer | undefined;
  return {
    execute: async (latencies) => {
      const spawned = performance.now();
      app = await ChildServer.spawn([...nodeFlags, APP_MAIN], { ...env, LOG_LEVEL: 'warn' });
      const elapsedMs = await app.waitUntil('/api/health', (status, body) => status === 200 && (JSON.parse(body) as { status: string }).status === 'ok', spawned, GIVE_UP_AFTER_MS);
      latencies.record(elapsedMs);
      return { units: 1, elapsedMs };
    },
    verify: async () => undefined,
    close: async () => {
      await app?.stop();
      if (dataDirectory !== undefined) await rm(dataDirectory, { recursive: true, force: true });
    },
    workerProcessId: () => app?.processId,
  };
}
