import { beforeAll, describe, expect, it } from 'vitest';
import { givenCourseParticipant, type CourseParticipant } from './support/course-participants-over-events';
import { healthObservedAfter } from './support/health';
import { subscriptionsIdle } from './support/subscriptions-idle';
import { testAppPerFile } from './support/test-app';
import { eventually } from './support/users';

const WEBHOOK_SECRET = 'e2e-pipelined-webhook-secret';
const WEBHOOK = '/api/process-st/events/task-checked-unchecked';

/**
 * The app on either kind of pool (DATABASE_PIPELINE): pipelining, every projection's page commits
 * BEGIN, the checkpoint's compare-and-set and the handler's statement in one round trip and one
 * write; step by step, each waits for the one before. Both under concurrent webhook deliveries.
 */
describe.each([
  { pipeline: 'true', pool: 'a pipelining connection pool (the default)' },
  { pipeline: 'false', pool: 'a connection pool that does not pipeline' },
])('the app on $pool', ({ pipeline }) => {
  const app = testAppPerFile({ PROCESS_ST_WEBHOOK_SECRET: WEBHOOK_SECRET, DATABASE_PIPELINE: pipeline });
  let ada: CourseParticipant;
  let materialsId: string;

  const webhook = (taskId: string, status: 'Completed' | 'NotCompleted') =>
    app.http(WEBHOOK, {
      method: 'POST',
      headers: { 'x-webhook-secret': WEBHOOK_SECRET },
      body: { id: materialsId, type: 'TaskCheckedUnchecked', createdDate: '2025-03-01T10:00:00.000Z', data: { id: taskId, status } },
    });
  const completedTasksReach = (expected: number) =>
    eventually(async () => {
      const response = await app.http('/api/course-progress', { token: ada.accessToken });
      const body = (await response.json()) as { learningMaterials?: { completedTasks: number } };
      return response.status === 200 && body.learningMaterials?.completedTasks === expected ? true : undefined;
    }, `course progress to count ${expected}`);

  beforeAll(async () => {
    ada = await givenCourseParticipant(app, 'Ada Lovelace');
    const generated = await app.http('/api/learning-materials', { method: 'POST', token: ada.accessToken });
    expect(generated.status).toBe(201);
    materialsId = ((await generated.json()) as { id: string }).id;
    // The webhook knows materials from their read model: until it has them, a delivery answers 404.
    await eventually(async () => ((await app.http('/api/learning-materials', { token: ada.accessToken })).status === 200 ? true : undefined), 'the learning materials');
  });

  it('when twenty tasks are completed at once and one is unchecked, then course progress counts nineteen', async () => {
    const taskIds = Array.from({ length: 20 }, (_, index) => `task-${index}`);
    const responses = await Promise.all(taskIds.map((taskId) => webhook(taskId, 'Completed')));
    expect(responses.map((response) => response.status)).toEqual(taskIds.map(() => 204));
    await completedTasksReach(20);

    expect((await webhook('task-7', 'NotCompleted')).status).toBe(204);
    await completedTasksReach(19);
  });

  it('then every subscription is live with nothing left to handle, and none parked an event', async () => {
    await subscriptionsIdle(app);
    const { subscriptions } = await healthObservedAfter(app.url);
    expect(subscriptions.filter(({ state, lagEvents }) => state !== 'live' || lagEvents !== 0)).toEqual([]);
    const { rows } = await app.database.pool.query<{ parked: number }>('SELECT count(*)::integer AS parked FROM es_parked_events');
    expect(rows).toEqual([{ parked: 0 }]);
  });
});
