import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { signAccessToken } from '../http/access-token';
import { JWT_SECRET, startAppCaughtUp, TASK_WEBHOOK_PATH, WEBHOOK_SECRET } from '../http/app-under-test';
import { newParticipants, seedParticipants, type Participant } from '../http/course-participants';
import { HttpClient } from '../http/http-client';
import { ErrorLog, runAtRate } from '../measure/concurrency';
import type { LatencyRecorder } from '../measure/latency-recorder';
import type { WorkloadSizes } from '../options';
import type { PreparedRun, RunDatabase, Workload } from './workload';

const COMPLETIONS_PER_SECOND = 200;
/** Completions go round the participants, so each one's next comes 250 ms after its last. */
const PARTICIPANTS = 50;
const CONNECTIONS = 16;
/**
 * Every completion is part of the load; every fourth is followed by GETs until it shows. Polling
 * after all of them would put thousands of GETs a second on the same two cores, and the lag
 * measured would be the pollers' own.
 */
const MEASURE_EVERY = 4;
/**
 * Pause after a GET that does not show the completion yet. Constant and short, because the lag
 * measured is that of the first GET after the projection committed: pauses doubling up to 16 ms
 * overstated a 15 ms lag as the next GET's 24 ms, and the tail most of all.
 */
const POLL_PAUSE_MS = 2;
const GIVE_UP_AFTER_MS = 5_000;

/**
 * H2: read-your-writes lag. Task completions arrive at a steady rate through the webhook; after
 * each 204, the participant asks GET /api/course-progress until it shows the new count. The lag
 * is the time from the 204 to that answer: the append's notification, the projection's catch-up
 * and the GET itself. Nothing to compare with, so no ceiling.
 */
export const readYourWritesLag: Workload = {
  id: 'H2',
  title: `read-your-writes lag: a task completion's 204 until GET /api/course-progress shows it, at ${COMPLETIONS_PER_SECOND} completions/s`,
  unit: 'ops/s',
  latencyOf: '204 → GET shows the new count',
  target: { kind: 'latencyBelow', percentile: 99, ms: 25 },
  contenders: ['ours'],
  prepare: (_contender, database, sizes) => prepare(database, sizes),
};

type Progress = { learningMaterials: { completedTasks: number } };

async function prepare({ pool, databaseUrl }: RunDatabase, { lagSeconds, httpWarmUpSeconds }: WorkloadSizes): Promise<PreparedRun> {
  const participants = newParticipants(PARTICIPANTS);
  await seedParticipants(pool, participants);
  const app = await startAppCaughtUp(databaseUrl);
  // Connections of their own for the GETs, so a completion never queues in the bench behind polls.
  const client = new HttpClient(app.url, CONNECTIONS);
  const reader = new HttpClient(app.url, CONNECTIONS);
  const tokens = participants.map((participant) => signAccessToken(JWT_SECRET, participant.userId, participant.sessionId));
  const completedTasks = participants.map(() => 0);

  const completedTasksShown = async (participant: number): Promise<number> => {
    const response = await reader.request({ method: 'GET', path: '/api/course-progress', headers: { authorization: `Bearer ${tokens[participant]}` } });
    if (response.status !== 200) throw new Error(`GET /api/course-progress: HTTP ${response.status}: ${response.body.slice(0, 200)}`);
    return (JSON.parse(response.body) as Progress).learningMaterials.completedTasks;
  };

  const watchers = participants.map((_, participant) => new ProgressWatcher(() => completedTasksShown(participant)));

  const completeAndWatch = async (index: number, latencies: LatencyRecorder | undefined) => {
    const participant = index % participants.length;
    const expected = ++completedTasks[participant]!;
    const response = await client.request({
      method: 'POST',
      path: TASK_WEBHOOK_PATH,
      headers: { 'x-webhook-secret': WEBHOOK_SECRET },
      body: JSON.stringify(completion(participants[participant]!, `task-${index}`)),
    });
    if (response.status !== 204) throw new Error(`POST ${TASK_WEBHOOK_PATH}: HTTP ${response.status}: ${response.body.slice(0, 200)}`);
    if (index % MEASURE_EVERY !== 0) return;
    const lagMs = await watchers[participant]!.shows(expected, performance.now());
    latencies?.record(lagMs);
  };

  let nextIndex = 0;
  try {
    const warmUpErrors = new ErrorLog();
    nextIndex = (await runAtRate(COMPLETIONS_PER_SECOND, httpWarmUpSeconds * 1000, (index) => completeAndWatch(index, undefined), warmUpErrors)).tasks;
    if (warmUpErrors.count > 0) throw new Error(`Warm-up failed: ${warmUpErrors.summary().join('; ')}`);
  } catch (error) {
    client.close();
    reader.close();
    await app.stop();
    throw error;
  }
  return {
    execute: async (latencies, errors) => {
      const first = nextIndex;
      const { tasks, elapsedMs } = await runAtRate(COMPLETIONS_PER_SECOND, lagSeconds * 1000, (index) => completeAndWatch(first + index, latencies), errors);
      return { units: tasks, elapsedMs };
    },
    verify: async (errors) => {
      // Slow is measured above; here only wrong counts fail, so the projection gets time to finish.
      for (const [participant, expected] of completedTasks.entries()) {
        const since = performance.now();
        let shown = await completedTasksShown(participant);
        while (shown < expected && performance.now() - since < GIVE_UP_AFTER_MS) {
          await new Promise((resolve) => setTimeout(resolve, POLL_PAUSE_MS));
          shown = await completedTasksShown(participant);
        }
        errors.check(shown === expected, `participant ${participant}: ${shown} completed tasks shown, ${expected} completed`);
      }
      await checkEventCount(pool, completedTasks.reduce((sum, count) => sum + count, 0), errors);
    },
    close: async () => {
      client.close();
      reader.close();
      await app.stop();
    },
    workerProcessId: () => app.processId,
  };
}

/**
 * Polls one participant's progress while any completion of theirs waits to be shown, and tells
 * each the moment the count reaches it. One GET at a time per participant, whatever the lag:
 * a poller per completion would multiply the GETs as the lag grows, until they alone saturate
 * the app and the lag measured is the poller's. A lag past GIVE_UP_AFTER_MS is recorded as that
 * (the run misses its target; the final counts, checked in verify, say whether anything was lost).
 */
class ProgressWatcher {
  private readonly waiting: { expected: number; answeredAt: number; resolve: (lagMs: number) => void }[] = [];
  private polling = false;

  constructor(private readonly completedTasksShown: () => Promise<number>) {}

  shows(expected: number, answeredAt: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ expected, answeredAt, resolve });
      if (!this.polling) this.poll().catch(reject);
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiting.length > 0) {
        const shown = await this.completedTasksShown();
        const now = performance.now();
        for (const waiter of [...this.waiting]) {
          if (waiter.expected <= shown || now - waiter.answeredAt > GIVE_UP_AFTER_MS) {
            this.waiting.splice(this.waiting.indexOf(waiter), 1);
            waiter.resolve(now - waiter.answeredAt);
          }
        }
        if (this.waiting.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_PAUSE_MS));
      }
    } finally {
      this.polling = false;
    }
  }
}

function completion({ learningMaterialsId }: Participant, taskId: string) {
  return { id: learningMaterialsId, type: 'TaskCheckedUnchecked', createdDate: new Date().toISOString(), data: { id: taskId, status: 'Completed' } };
}

async function checkEventCount(pool: Pool, expected: number, errors: ErrorLog): Promise<void> {
  const { rows } = await pool.query<{ events: number }>(`SELECT count(*)::integer AS events FROM es_events WHERE type = 'TaskWasCompleted'`);
  errors.check(rows[0]!.events === expected, `${rows[0]!.events} TaskWasCompleted events, ${expected} completions`);
}
