import { beforeAll, describe, expect, it } from 'vitest';
import { testAppPerFile } from './support/test-app';
import { countStoredEvents, eventually, registerConfirmedUser, type TestUser } from './support/users';

const WEBHOOK_SECRET = 'e2e-process-st-webhook-secret';
const CURRENT_COURSE_ID = '5b0c7a7e-2f0e-4d2b-9a57-0d6c3f1e8a11';

const taskPayload = (learningMaterialsId: string, taskId: string, status: 'Completed' | 'NotCompleted') => ({
  id: learningMaterialsId,
  type: 'TaskCheckedUnchecked',
  createdDate: '2025-03-01T10:00:00.000Z',
  data: { id: taskId, status },
});

/** The whole path of a participant: register, confirm by mail, log in, get the materials by mail, progress. */
describe('a confirmed user learns', () => {
  const app = testAppPerFile({ PROCESS_ST_WEBHOOK_SECRET: WEBHOOK_SECRET, CURRENT_COURSE_ID });
  let user: TestUser;

  beforeAll(async () => {
    user = await registerConfirmedUser(app, { fullName: 'Ada Lovelace' });
  });

  const webhook = (body: unknown, secret = WEBHOOK_SECRET) =>
    app.http('/api/process-st/events/task-checked-unchecked', { method: 'POST', body, headers: { 'x-webhook-secret': secret } });
  const completedTasks = async () => {
    const response = await app.http('/api/course-progress', { token: user.accessToken });
    return response.status === 200 ? ((await response.json()) as { learningMaterials: { completedTasks: number } }).learningMaterials.completedTasks : undefined;
  };

  it('generates materials, mails the link, and counts 3 completed − 1 uncompleted = 2 tasks; repeats and bad secrets change nothing', async () => {
    // Enrolment in the current course follows the completed registration asynchronously.
    const generation = await eventually(async () => {
      const response = await app.http('/api/learning-materials', { method: 'POST', token: user.accessToken });
      return response.status === 403 ? undefined : response;
    }, 'the user to be enrolled in the current course');
    expect(generation.status).toBe(201);
    const materials = (await generation.json()) as { id: string; url: string };

    const mail = await app.mailbox.waitForMail(user.email, (received) => received.text.includes(materials.url));
    expect(mail.subject).toBe('Your CodersCamp learning materials');
    expect(mail.html).toContain(materials.url);

    await eventually(async () => ((await completedTasks()) === 0 ? true : undefined), 'course progress to start');
    for (const taskId of ['task-1', 'task-2', 'task-3']) expect((await webhook(taskPayload(materials.id, taskId, 'Completed'))).status).toBe(204);
    // The count passes through 2 on its way to 3: wait for 3 before unchecking.
    await eventually(async () => ((await completedTasks()) === 3 ? true : undefined), 'course progress to show 3');
    expect((await webhook(taskPayload(materials.id, 'task-3', 'NotCompleted'))).status).toBe(204);
    await eventually(async () => ((await completedTasks()) === 2 ? true : undefined), 'course progress to show 2');

    const before = await countStoredEvents(app, ['LearningMaterialsTasks']);
    expect((await webhook(taskPayload(materials.id, 'task-1', 'Completed'))).status).toBe(204);
    expect((await webhook(taskPayload(materials.id, 'task-3', 'NotCompleted'))).status).toBe(204);
    expect((await webhook(taskPayload(materials.id, 'task-2', 'NotCompleted'), 'wrong-secret')).status).toBe(401);
    expect((await webhook({ id: materials.id, data: { id: 'task-2' } })).status).toBe(400);
    expect(await countStoredEvents(app, ['LearningMaterialsTasks'])).toBe(before);
    expect(await completedTasks()).toBe(2);

    const again = await app.http('/api/learning-materials', { method: 'POST', token: user.accessToken });
    expect(again.status).toBe(409);
    expect(app.mailbox.mailsTo(user.email).filter((received) => received.text.includes(materials.url))).toHaveLength(1);
  });
});
