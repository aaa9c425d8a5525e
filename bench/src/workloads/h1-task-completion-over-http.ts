import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { ErrorLog, runForDuration } from '../measure/concurrency';
import { startAppCaughtUp, APP_POOL_MAX, TASK_WEBHOOK_PATH, WEBHOOK_SECRET } from '../http/app-under-test';
import { ChildServer } from '../http/child-server';
import { newParticipants, seedParticipants, type Participant } from '../http/course-participants';
import { HttpClient } from '../http/http-client';
import type { WorkloadSizes } from '../options';
import { CEILING_EVENTS_TABLE } from './fixtures';
import { CONTENDERS, type Contender, type PreparedRun, type RunDatabase, type Workload } from './workload';

const CONNECTIONS = 16;
const CEILING_SERVER = path.join(__dirname, '..', 'http', 'ceiling-server.js');

/**
 * H1: process.st's task webhook through the real app (built, in its own process): secret guard,
 * payload parsing, known-materials check, read → decide → append. Every request completes a task
 * not completed before, so every one appends. The ceiling is a bare Fastify route doing the
 * same INSERT, also in a process of its own; load comes from the bench over keep-alive connections.
 */
export const taskCompletionOverHttp: Workload = {
  id: 'H1',
  title: `POST task completion (process.st webhook) through the HTTP stack, ${CONNECTIONS} connections, distinct tasks`,
  unit: 'requests/s',
  latencyOf: 'one request',
  target: { kind: 'percentOfCeiling', percent: 75 },
  contenders: CONTENDERS,
  prepare: (contender, database, sizes) => prepare(contender, database, sizes),
};

async function prepare(contender: Contender, { pool, databaseUrl }: RunDatabase, sizes: WorkloadSizes): Promise<PreparedRun> {
  const participants = newParticipants(sizes.httpParticipants);
  const server = contender === 'ours' ? await startOurs(pool, databaseUrl, participants) : await startCeiling(pool, databaseUrl);
  const client = new HttpClient(server.url, CONNECTIONS);
  const completed = new Set<string>();
  // Spread over the participants' materials, one stream each: consecutive requests never share one.
  const completeTask = async (index: number) => {
    const learningMaterialsId = participants[index % participants.length]!.learningMaterialsId;
    const taskId = `task-${index}`;
    const response = await client.request({
      method: 'POST',
      path: TASK_WEBHOOK_PATH,
      headers: { 'x-webhook-secret': WEBHOOK_SECRET },
      body: JSON.stringify({ id: learningMaterialsId, type: 'TaskCheckedUnchecked', createdDate: new Date().toISOString(), data: { id: taskId, status: 'Completed' } }),
    });
    if (response.status !== 204) throw new Error(`HTTP ${response.status}: ${response.body.slice(0, 200)}`);
    completed.add(completionKey(learningMaterialsId, taskId));
  };
  let nextIndex = 0;
  try {
    const warmUpErrors = new ErrorLog();
    nextIndex = (await runForDuration(CONNECTIONS, sizes.httpWarmUpSeconds * 1000, completeTask, warmUpErrors)).tasks;
    if (warmUpErrors.count > 0) throw new Error(`Warm-up failed: ${warmUpErrors.summary().join('; ')}`);
  } catch (error) {
    client.close();
    await server.stop();
    throw error;
  }
  return {
    execute: async (latencies, errors) => {
      const { tasks, elapsedMs } = await runForDuration(
        CONNECTIONS,
        sizes.httpLoadSeconds * 1000,
        (index) => latencies.time(() => completeTask(index)),
        errors,
        nextIndex,
      );
      return { units: tasks, elapsedMs };
    },
    verify: async (errors) => checkCompletions(pool, contender === 'ours' ? 'es_events' : 'ceiling_events', completed, errors),
    close: async () => {
      client.close();
      await server.stop();
    },
    workerProcessId: () => server.processId,
  };
}

async function startOurs(pool: Pool, databaseUrl: string, participants: readonly Participant[]): Promise<ChildServer> {
  await seedParticipants(pool, participants);
  return startAppCaughtUp(databaseUrl);
}

async function startCeiling(pool: Pool, databaseUrl: string): Promise<ChildServer> {
  await pool.query(CEILING_EVENTS_TABLE);
  const server = await ChildServer.spawn([CEILING_SERVER], {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: String(APP_POOL_MAX),
    PROCESS_ST_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  try {
    await server.waitUntil('/api/health', (status) => status === 200, performance.now(), 30_000);
    return server;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function completionKey(learningMaterialsId: string, taskId: string): string {
  return `${learningMaterialsId}/${taskId}`;
}

/** Every 204 left exactly one TaskWasCompleted event, and nothing else was appended for a task. */
async function checkCompletions(pool: Pool, table: 'es_events' | 'ceiling_events', completed: ReadonlySet<string>, errors: ErrorLog): Promise<void> {
  const { rows } = await pool.query<{ learning_materials_id: string; task_id: string; events: number }>(
    `SELECT data->>'learningMaterialsId' AS learning_materials_id, data->>'taskId' AS task_id, count(*)::integer AS events
     FROM ${table} WHERE type = 'TaskWasCompleted' GROUP BY 1, 2`,
  );
  const logged = new Map(rows.map((row) => [completionKey(row.learning_materials_id, row.task_id), row.events]));
  const missing = [...completed].filter((key) => !logged.has(key)).length;
  const repeated = rows.filter((row) => row.events !== 1).length;
  const unanswered = [...logged.keys()].filter((key) => !completed.has(key)).length;
  errors.check(missing === 0, `${missing} tasks answered 204 without a TaskWasCompleted event`);
  errors.check(repeated === 0, `${repeated} tasks completed more than once`);
  errors.check(unanswered === 0, `${unanswered} TaskWasCompleted events for requests not answered 204`);
}
