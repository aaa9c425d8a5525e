import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { startApp, startAppCaughtUp, type HealthBody } from '../http/app-under-test';
import { HttpClient } from '../http/http-client';
import { runForDuration } from '../measure/concurrency';
import { LatencyRecorder } from '../measure/latency-recorder';
import { percentile } from '../measure/statistics';
import type { PreparedRun, RunDatabase, Workload } from './workload';

/** One prober, as an orchestrator or a dashboard asks. */
const CONNECTIONS = 1;
/** The subscription sent back to the log's start: it scans the whole log again while health is asked. */
const LAGGARD = 'UserEventFeedReadModel_v1';

/**
 * H3: GET /api/health, which reports every subscription's lag, with 1,000,000 events in the log
 * (quick: 20,000) and one subscription starting over from the first event, the rest caught up.
 * What it costs must not grow with the log or with how far a subscription is behind. No ceiling:
 * the target is a bound on the latency.
 */
export const healthWithLargeLog: Workload = {
  id: 'H3',
  title: `GET /api/health with 1,000,000 events in the log (quick: 20,000), one subscription replaying it from the start, ${CONNECTIONS} connections`,
  unit: 'requests/s',
  latencyOf: 'one request',
  target: { kind: 'latencyBelow', percentile: 99, ms: 5 },
  contenders: ['ours'],
  prepare: (_contender, database, sizes) => prepare(database, sizes.healthLogEvents, sizes.httpLoadSeconds),
};

async function prepare({ pool, databaseUrl }: RunDatabase, logEvents: number, loadSeconds: number): Promise<PreparedRun> {
  // A first start migrates the schema and records every subscription's checkpoint.
  await (await startAppCaughtUp(databaseUrl)).stop();
  await seedLog(pool, logEvents);
  await placeCheckpoints(pool);
  const app = await startApp(databaseUrl, () => true);
  const client = new HttpClient(app.url, CONNECTIONS);
  // Split by whether the answer met the replay: the tail the replay causes shows apart from the rest.
  const whileReplaying = new LatencyRecorder();
  const afterReplay = new LatencyRecorder();
  return {
    execute: async (latencies, errors) => {
      const { tasks, elapsedMs } = await runForDuration(
        CONNECTIONS,
        loadSeconds * 1000,
        async () => {
          const started = performance.now();
          const response = await client.request({ method: 'GET', path: '/api/health' });
          const elapsedMs = performance.now() - started;
          latencies.record(elapsedMs);
          if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.body.slice(0, 200)}`);
          const laggard = (JSON.parse(response.body) as HealthBody).subscriptions?.find((subscription) => subscription.subscriptionId === LAGGARD);
          if (!laggard) throw new Error(`/api/health does not list ${LAGGARD}`);
          (laggard.lagEvents > 0 ? whileReplaying : afterReplay).record(elapsedMs);
        },
        errors,
      );
      return { units: tasks, elapsedMs };
    },
    verify: async () => {
      // On stderr with the progress lines: how much of the load met the replay, and the latencies on either side of its end.
      const answers = whileReplaying.count + afterReplay.count;
      process.stderr.write(
        `  H3: ${whileReplaying.count} of ${answers} answers while ${LAGGARD} was replaying (p50 / p99 ${describeLatencies(whileReplaying)} ms), ` +
          `after it ${describeLatencies(afterReplay)} ms\n`,
      );
    },
    close: async () => {
      client.close();
      await app.stop();
    },
    workerProcessId: () => app.processId,
  };
}

function describeLatencies(recorder: LatencyRecorder): string {
  const latencies = recorder.latencies();
  return `${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 99).toFixed(2)}`;
}

/** Events of a type no subscription handles, written by the server: what matters is the log's length. */
async function seedLog(pool: Pool, logEvents: number): Promise<void> {
  await pool.query(
    `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
     SELECT gen_random_uuid(), 'Noise_' || (n / 10), 'Noise', n % 10 + 1, 'NoiseWasMade', jsonb_build_object('n', n),
            jsonb_build_object('correlationId', 'noise-' || n, 'causationId', 'noise-' || n), now()
     FROM generate_series(0, $1 - 1) AS n ORDER BY n`,
    [logEvents],
  );
  await pool.query('VACUUM (ANALYZE) es_events');
}

/** Every subscription at the end of the log, as after a long life, but the laggard, back at its start. */
async function placeCheckpoints(pool: Pool): Promise<void> {
  await pool.query(
    `UPDATE es_subscriptions SET (transaction_id, global_position) =
       (SELECT e.transaction_id, e.global_position FROM es_events e ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1)`,
  );
  const { rowCount } = await pool.query(`UPDATE es_subscriptions SET transaction_id = '0'::xid8, global_position = 0 WHERE subscription_id = $1`, [LAGGARD]);
  if (rowCount !== 1) throw new Error(`No checkpoint of ${LAGGARD} to send back`);
}
