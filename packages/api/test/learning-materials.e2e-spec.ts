import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokenOfUnknownUser, givenCourseParticipant, type CourseParticipant } from './support/course-participants-over-events';
import { testAppPerFile } from './support/test-app';

const WEBHOOK_SECRET = 'e2e-process-st-webhook-secret';
const WEBHOOK = '/api/process-st/events/task-checked-unchecked';

type TaskStatus = 'Completed' | 'NotCompleted' | string;

const taskPayload = (learningMaterialsId: string, taskId: string, status: TaskStatus) => ({
  id: learningMaterialsId,
  type: 'TaskCheckedUnchecked',
  createdDate: '2025-03-01T10:00:00.000Z',
  // process.st sends the whole task; fields the webhook does not read are ignored, not refused.
  data: { id: taskId, status, name: `Task ${taskId}`, hidden: false, updatedDate: '2025-03-01T10:00:00.000Z' },
});

/**
 * Learning over HTTP with real JWTs on the real app (its own PostgreSQL, local materials adapter):
 * generating materials, process.st task webhooks, course progress. Participants are given through
 * the events the users slices record; the registration flow itself is walked in learning.e2e-spec.ts.
 */
describe('learning materials and course progress', () => {
  const app = testAppPerFile({ PROCESS_ST_WEBHOOK_SECRET: WEBHOOK_SECRET, APP_URL: 'http://learning.test' });

  // Only the streams these endpoints write: automations keep appending mail events in the background.
  const eventCount = async () =>
    Number(
      (
        await app.database.pool.query<{ count: string }>(
          `SELECT count(*) FROM es_events WHERE category IN ('LearningMaterialsUrl', 'LearningMaterialsTasks')`,
        )
      ).rows[0]!.count,
    );
  const webhook = (body: unknown, init: { secret?: string; via?: 'header' | 'query'; headers?: Record<string, string> } = {}) => {
    const { secret = WEBHOOK_SECRET, via = 'header', headers = {} } = init;
    const path = via === 'query' ? `${WEBHOOK}?secret=${encodeURIComponent(secret)}` : WEBHOOK;
    return app.http(path, { method: 'POST', body, headers: via === 'header' ? { 'x-webhook-secret': secret, ...headers } : headers });
  };
  const generate = (token?: string) => app.http('/api/learning-materials', { method: 'POST', token });
  const progressOf = async (token: string) => {
    const response = await app.http('/api/course-progress', { token });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const progressReaches = async (token: string, completedTasks: number) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const progress = await progressOf(token);
      if (progress.status === 200 && (progress.body as { learningMaterials: { completedTasks: number } }).learningMaterials.completedTasks === completedTasks) return;
      if (Date.now() > deadline) throw new Error(`Progress stayed at ${JSON.stringify(progress)}`);
      await sleep(50);
    }
  };
  const materialsVisible = async (token: string) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await app.http('/api/learning-materials', { token });
      if (response.status === 200) return (await response.json()) as { id: string; url: string };
      if (Date.now() > deadline) throw new Error(`GET /api/learning-materials stayed ${response.status}`);
      await sleep(50);
    }
  };

  describe('a participant works through the materials', () => {
    let ada: CourseParticipant;
    let materials: { id: string; url: string };

    beforeAll(async () => {
      ada = await givenCourseParticipant(app, 'Ada Lovelace');
    });

    it('given no materials yet, then GET learning materials and course progress answer 404', async () => {
      const response = await app.http('/api/learning-materials', { token: ada.accessToken });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'LEARNING_MATERIALS_NOT_FOUND' });
      expect(await progressOf(ada.accessToken)).toMatchObject({ status: 404, body: { code: 'COURSE_PROGRESS_NOT_FOUND' } });
    });

    it('when generating, then 201 with id and url under APP_URL, and GET shows the same materials', async () => {
      const response = await generate(ada.accessToken);

      expect(response.status).toBe(201);
      materials = (await response.json()) as { id: string; url: string };
      expect(materials.url).toBe(`http://learning.test/learning-materials/${materials.id}`);
      expect(await materialsVisible(ada.accessToken)).toEqual(materials);
      await progressReaches(ada.accessToken, 0);
    });

    it('when generating again, then 409 LEARNING_MATERIALS_ALREADY_GENERATED and nothing is appended', async () => {
      const before = await eventCount();

      const response = await generate(ada.accessToken);

      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ statusCode: 409, code: 'LEARNING_MATERIALS_ALREADY_GENERATED' });
      expect(await eventCount()).toBe(before);
    });

    it('when process.st checks three tasks and unchecks one, then course progress shows 2', async () => {
      for (const taskId of ['task-1', 'task-2', 'task-3']) {
        expect((await webhook(taskPayload(materials.id, taskId, 'Completed'))).status).toBe(204);
      }
      // The count passes through 2 on its way to 3: wait for 3 before unchecking.
      await progressReaches(ada.accessToken, 3);
      expect((await webhook(taskPayload(materials.id, 'task-2', 'NotCompleted'), { via: 'query' })).status).toBe(204);

      await progressReaches(ada.accessToken, 2);
      expect((await progressOf(ada.accessToken)).body).toEqual({ learningMaterials: { completedTasks: 2 } });
    });

    it('when process.st repeats deliveries, then 204 and nothing is appended or counted twice', async () => {
      const before = await eventCount();

      expect((await webhook(taskPayload(materials.id, 'task-1', 'Completed'))).status).toBe(204);
      expect((await webhook(taskPayload(materials.id, 'task-2', 'NotCompleted'))).status).toBe(204);
      expect((await webhook(taskPayload(materials.id, 'never-checked', 'NotCompleted'))).status).toBe(204);

      expect(await eventCount()).toBe(before);
      expect((await progressOf(ada.accessToken)).body).toEqual({ learningMaterials: { completedTasks: 2 } });
    });

    it('given a second participant, then their progress is their own', async () => {
      const alan = await givenCourseParticipant(app, 'Alan Turing');
      const alanMaterials = (await (await generate(alan.accessToken)).json()) as { id: string };
      expect(alanMaterials.id).not.toBe(materials.id);

      await progressReaches(alan.accessToken, 0);
      expect((await progressOf(ada.accessToken)).body).toEqual({ learningMaterials: { completedTasks: 2 } });
    });
  });

  describe('generating materials at the HTTP edge', () => {
    it('given no token, then 401 on POST and GET', async () => {
      expect((await generate()).status).toBe(401);
      expect((await app.http('/api/learning-materials')).status).toBe(401);
      expect((await app.http('/api/course-progress')).status).toBe(401);
    });

    it('given a valid token of a user who is not a course participant, then 403 NOT_A_REGISTERED_COURSE_USER and nothing is appended', async () => {
      const before = await eventCount();

      const response = await generate(await accessTokenOfUnknownUser(app));

      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ statusCode: 403, code: 'NOT_A_REGISTERED_COURSE_USER' });
      expect(await eventCount()).toBe(before);
    });
  });

  describe('the process.st webhook at the HTTP edge (nothing is ever appended)', () => {
    let materialsId: string;

    beforeAll(async () => {
      const grace = await givenCourseParticipant(app, 'Grace Hopper');
      materialsId = ((await (await generate(grace.accessToken)).json()) as { id: string }).id;
      await materialsVisible(grace.accessToken);
    });

    const expectRefused = async (response: Response, statusCode: number, code: string, before: number) => {
      expect(response.status).toBe(statusCode);
      expect(await response.json()).toMatchObject({ statusCode, code });
      expect(await eventCount()).toBe(before);
    };

    it.each([
      ['no secret at all', { headers: {} as Record<string, string>, via: 'query' as const, secret: '' }],
      ['a wrong secret in the header', { secret: 'wrong-secret' }],
      ['a wrong secret in the query', { secret: 'wrong-secret', via: 'query' as const }],
      ['the secret with one character more', { secret: `${WEBHOOK_SECRET}x` }],
    ])('given %s, then 401 INVALID_WEBHOOK_SECRET', async (_case, init) => {
      const before = await eventCount();
      const response =
        init.secret === ''
          ? await app.http(WEBHOOK, { method: 'POST', body: taskPayload(materialsId, 'task-1', 'Completed') })
          : await webhook(taskPayload(materialsId, 'task-1', 'Completed'), init);

      await expectRefused(response, 401, 'INVALID_WEBHOOK_SECRET', before);
    });

    it.each([
      ['an empty object', {}],
      ['no data', { id: 'x', type: 'TaskCheckedUnchecked', createdDate: '2025-03-01T10:00:00.000Z' }],
      ['a numeric id', { ...taskPayload('x', 'task-1', 'Completed'), id: 42 }],
      ['an empty task id', taskPayload('x', '', 'Completed')],
      ['a task id of 201 characters', taskPayload('x', 't'.repeat(201), 'Completed')],
      ['a status that is not a string', { ...taskPayload('x', 'task-1', 'Completed'), data: { id: 'task-1', status: true } }],
      ['an array', [taskPayload('x', 'task-1', 'Completed')]],
    ])('given a payload with %s, then 400 MALFORMED_WEBHOOK_PAYLOAD', async (_case, body) => {
      const before = await eventCount();

      await expectRefused(await webhook(body), 400, 'MALFORMED_WEBHOOK_PAYLOAD', before);
    });

    // Fault 7: for materials that exist, these were counted as completions.
    it.each([
      ['the type of another process.st event', (id: string) => ({ ...taskPayload(id, 'task-1', 'Completed'), type: 'ChecklistCompleted' })],
      ['the type in another case', (id: string) => ({ ...taskPayload(id, 'task-1', 'Completed'), type: 'taskcheckedunchecked' })],
      ['a createdDate that is no date', (id: string) => ({ ...taskPayload(id, 'task-1', 'Completed'), createdDate: 'yesterday' })],
      ['a createdDate of February 30th', (id: string) => ({ ...taskPayload(id, 'task-1', 'Completed'), createdDate: '2025-02-30T10:00:00.000Z' })],
      ['a createdDate with only a date', (id: string) => ({ ...taskPayload(id, 'task-1', 'Completed'), createdDate: '2025-03-01' })],
      ['a createdDate of 65 characters', (id: string) => ({ ...taskPayload(id, 'task-1', 'Completed'), createdDate: `2025-03-01T10:00:00.${'0'.repeat(44)}Z` })],
      ['a status of 51 characters', (id: string) => taskPayload(id, 'task-1', 'C'.repeat(51))],
    ])('given a payload for existing materials with %s, then 400 MALFORMED_WEBHOOK_PAYLOAD and nothing appended', async (_case, payloadFor) => {
      const before = await eventCount();

      await expectRefused(await webhook(payloadFor(materialsId)), 400, 'MALFORMED_WEBHOOK_PAYLOAD', before);
    });

    it('given malformed JSON, then 400 MALFORMED_JSON', async () => {
      const before = await eventCount();

      await expectRefused(await webhook('{"id": "x", "data": {', { headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON', before);
    });

    it.each(['Checked', 'completed', ''])('given the unknown status "%s", then 400 UNKNOWN_TASK_STATUS', async (status) => {
      const before = await eventCount();

      await expectRefused(await webhook(taskPayload(materialsId, 'task-1', status)), 400, 'UNKNOWN_TASK_STATUS', before);
    });

    it('given a run id of materials never generated here, then 404 LEARNING_MATERIALS_NOT_FOUND', async () => {
      const before = await eventCount();

      await expectRefused(await webhook(taskPayload('run-from-elsewhere', 'task-1', 'Completed')), 404, 'LEARNING_MATERIALS_NOT_FOUND', before);
    });

    it('given the OpenAPI document, then the webhook documents its secret and both learning endpoints are there', async () => {
      const document = (await (await app.http('/api/docs-json')).json()) as {
        paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
        components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
      };

      const schemes = document.paths[WEBHOOK]!.post!.security!.flatMap((requirement) => Object.keys(requirement));
      const secrets = schemes.map((scheme) => document.components.securitySchemes[scheme]).map((scheme) => `${scheme?.type} ${scheme?.in}:${scheme?.name}`);
      expect(secrets).toEqual(['apiKey header:X-Webhook-Secret', 'apiKey query:secret']);
      expect(Object.keys(document.paths['/api/learning-materials']!).sort()).toEqual(['get', 'post']);
      expect(document.paths['/api/course-progress']).toHaveProperty('get');
    });
  });
});
