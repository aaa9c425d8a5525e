import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { EventStoreFixtures } from './support/event-store-fixtures';
import { testAppPerFile } from './support/test-app';
import { eventually, registerConfirmedUser } from './support/users';

const CURRENT_COURSE_ID = '0e6b3f3c-8d7a-4a3b-b6f1-3f0d4a9c2e51';
const CURRENT_COURSE = { courseId: CURRENT_COURSE_ID, name: 'CodersCamp 2026', startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-09-30T00:00:00.000Z' };

describe('GET /api/users/me/course: the course a participant is enrolled in', () => {
  const app = testAppPerFile({ CURRENT_COURSE_ID });
  let fixtures: EventStoreFixtures;

  beforeAll(async () => {
    fixtures = new EventStoreFixtures(app.running);
    await fixtures.courseCreated(CURRENT_COURSE);
  });

  const myCourse = (token: string) => app.http('/api/users/me/course', { token });

  it('given a user enrolled in the current course on confirming, then it answers the course’s name and dates', async () => {
    const participant = await registerConfirmedUser(app);

    // The enrolment and the course's creation reach their read models independently.
    const course = await eventually(async () => {
      const response = await myCourse(participant.accessToken);
      const body = response.status === 200 ? ((await response.json()) as { name: string | null }) : undefined;
      return body?.name === null ? undefined : body;
    }, 'the enrolment in the created course');

    expect(course).toEqual({ id: CURRENT_COURSE_ID, name: CURRENT_COURSE.name, startsAt: CURRENT_COURSE.startsAt, endsAt: CURRENT_COURSE.endsAt });
  });

  it('given a user in no course, then 404 COURSE_ENROLMENT_NOT_FOUND', async () => {
    const response = await myCourse(await fixtures.tokenFor(randomUUID()));

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'COURSE_ENROLMENT_NOT_FOUND' });
  });

  it('given an enrolment in a course not created yet, then the course’s id with no name or dates', async () => {
    const userId = randomUUID();
    await fixtures.learningMaterialsGenerated(userId);
    const token = await fixtures.tokenFor(userId);

    const course = await eventually(async () => {
      const response = await myCourse(token);
      return response.status === 200 ? ((await response.json()) as { id: string; name: string | null }) : undefined;
    }, 'the enrolment');

    expect(course).toEqual({ id: expect.any(String), name: null, startsAt: null, endsAt: null });
    expect(course.id).not.toBe(CURRENT_COURSE_ID);
  });

  it('given no access token, then 401', async () => {
    expect((await app.http('/api/users/me/course')).status).toBe(401);
  });
});
