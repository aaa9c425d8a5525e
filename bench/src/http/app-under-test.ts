import { performance } from 'node:perf_hooks';
import { APP_MAIN, appNodeFlags, ChildServer } from './child-server';

export const WEBHOOK_SECRET = 'bench-webhook-secret';
export const TASK_WEBHOOK_PATH = '/api/process-st/events/task-checked-unchecked';
export const JWT_SECRET = 'bench-jwt-secret-that-is-long-enough-for-production';
/** The pool size of the bench's own pool and of every ceiling: the same for the app. */
export const APP_POOL_MAX = 10;

const START_TIMEOUT_MS = 60_000;

export type HealthBody = { subscriptions?: { subscriptionId: string; state: string; lagEvents: number }[] };

/**
 * The built app (`npm run build`) on the run's PostgreSQL schema, as `npm start` runs it, once
 * /api/health answers and every subscription is live with nothing left to catch up: what was
 * seeded is in the read models, and no catch-up competes with the measured load.
 */
export function startAppCaughtUp(databaseUrl: string): Promise<ChildServer> {
  return startApp(databaseUrl, isCaughtUp);
}

/** The built app on the run's schema, once /api/health answers 200 with a body `isReady` accepts. */
export async function startApp(databaseUrl: string, isReady: (health: HealthBody) => boolean): Promise<ChildServer> {
  const app = await ChildServer.spawn(
    [...(await appNodeFlags()), ...cpuProfileArguments(process.env.BENCH_APP_CPU_PROFILE_DIR), APP_MAIN],
    {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: String(APP_POOL_MAX),
      LOG_LEVEL: 'warn',
      PROCESS_ST_WEBHOOK_SECRET: WEBHOOK_SECRET,
      JWT_SECRET,
      // The app's own default unless told.
      ...(process.env.BENCH_APP_DATABASE_PIPELINE && { DATABASE_PIPELINE: process.env.BENCH_APP_DATABASE_PIPELINE }),
    },
  );
  try {
    const since = performance.now();
    await app.waitUntil('/api/health', (status, body) => status === 200 && isReady(JSON.parse(body) as HealthBody), since, START_TIMEOUT_MS, 50);
    return app;
  } catch (error) {
    await app.stop();
    throw error;
  }
}

/** With a directory set, the app writes a V8 CPU profile there when it stops (one file per run). */
function cpuProfileArguments(directory: string | undefined): string[] {
  return directory ? ['--cpu-prof', `--cpu-prof-dir=${directory}`] : [];
}

function isCaughtUp({ subscriptions = [] }: HealthBody): boolean {
  return subscriptions.length > 0 && subscriptions.every(({ state, lagEvents }) => state === 'live' && lagEvents === 0);
}
