import { beforeAll, describe, expect, it } from 'vitest';
import { testAppPerFile } from './support/test-app';
import { adminAccessToken, eventually, registerConfirmedUser, TEST_ADMIN_ENV, type TestUser } from './support/users';

const WEBHOOK_SECRET = 'e2e-process-st-webhook-secret';

type ListedUser = { id: string; fullName: string; email: string; image: string | null; role: string; course: { id: string; name: string | null } | null; completedTasks: number };

/**
 * GET /api/users shows administrators each user's course and progress: users registered, enrolled
 * and working through their materials over HTTP on the real app, its PostgreSQL and process.st's
 * webhook. Every answer is checked against the OpenAPI document by `app.http`.
 */
describe('GET /api/users: each user’s course and completed tasks', () => {
  const app = testAppPerFile({ ...TEST_ADMIN_ENV, PROCESS_ST_WEBHOOK_SECRET: WEBHOOK_SECRET });
  let adminToken: string;

  beforeAll(async () => {
    adminToken = await adminAccessToken(app);
  });

  const listed = async (user: TestUser): Promise<ListedUser | undefined> => {
    const response = await app.http(`/api/users?${new URLSearchParams({ q: user.email })}`, { token: adminToken });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: ListedUser[] };
    return items.find((item) => item.id === user.userId);
  };
  /** The user as listed once the read models behind the list show what is awaited (they follow the log in the background). */
  const listedOnce = (user: TestUser, awaited: (item: ListedUser) => boolean, what: string) =>
    eventually(async () => {
      const item = await listed(user);
      return item !== undefined && awaited(item) ? item : undefined;
    }, `${user.fullName} listed with ${what}`);
  const taskChecked = (learningMaterialsId: string, taskId: string, status: 'Completed' | 'NotCompleted') =>
    app.http('/api/process-st/events/task-checked-unchecked', {
      method: 'POST',
      headers: { 'x-webhook-secret': WEBHOOK_SECRET },
      body: { id: learningMaterialsId, type: 'TaskCheckedUnchecked', createdDate: '2026-03-01T10:00:00.000Z', data: { id: taskId, status } },
    });

  it('given a user registered while no course has started, then no course and 0 tasks; once a course is created, that course', async () => {
    const grace = await registerConfirmedUser(app, { fullName: 'Grace Hopper' });

    expect(await listed(grace)).toEqual({ id: grace.userId, fullName: 'Grace Hopper', email: grace.email, image: null, role: 'user', course: null, completedTasks: 0 });

    const created = await app.http('/api/courses', {
      method: 'POST',
      token: adminToken,
      body: { name: 'CodersCamp 2025', startsAt: '2025-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    const course = (await created.json()) as { id: string; name: string };
    // The waiting user joins the course created next.
    const enrolled = await listedOnce(grace, (item) => item.course?.name === course.name, 'the course');
    expect(enrolled).toMatchObject({ course: { id: course.id, name: 'CodersCamp 2025' }, completedTasks: 0 });
  });

  it('given two enrolled users, when one completes three tasks and uncompletes one, then that one shows 2 completed tasks and the other 0', async () => {
    const ada = await registerConfirmedUser(app, { fullName: 'Ada Lovelace' });
    const alan = await registerConfirmedUser(app, { fullName: 'Alan Turing' });
    const enrolled = await listedOnce(ada, (item) => item.course?.name === 'CodersCamp 2025', 'the course');

    const generated = await app.http('/api/learning-materials', { method: 'POST', token: ada.accessToken });
    expect(generated.status).toBe(201);
    const materials = (await generated.json()) as { id: string };
    // The webhook answers 404 for materials its read model does not know yet, as GET does.
    await eventually(async () => ((await app.http('/api/learning-materials', { token: ada.accessToken })).status === 200 ? true : undefined), 'the materials');
    for (const taskId of ['task-1', 'task-2', 'task-3']) expect((await taskChecked(materials.id, taskId, 'Completed')).status).toBe(204);
    // The count passes through 2 on its way to 3: wait for 3 before unchecking.
    await listedOnce(ada, (item) => item.completedTasks === 3, '3 completed tasks');
    expect((await taskChecked(materials.id, 'task-2', 'NotCompleted')).status).toBe(204);

    expect(await listedOnce(ada, (item) => item.completedTasks === 2, '2 completed tasks')).toMatchObject({ fullName: 'Ada Lovelace', course: enrolled.course });
    expect(await listedOnce(alan, (item) => item.course !== null, 'a course')).toMatchObject({ fullName: 'Alan Turing', course: enrolled.course, completedTasks: 0 });
  });
});
