import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { LearningMaterialsReadModule } from './learning-materials.read-module';

const generated = (courseUserId: string, learningMaterialsId: string): LearningMaterialsUrlWasGenerated => ({
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId, courseUserId, materialsUrl: `https://app.process.st/runs/${learningMaterialsId}` },
});

const registered = (userId: string, courseUserId: string): CourseUserWasRegistered => ({
  type: 'CourseUserWasRegistered',
  data: { userId, courseUserId, courseId: 'course-1' },
});
const erased = (userId: string): UserWasErased => ({ type: 'UserWasErased', data: { userId, emailAddress: `${userId}@example.com`, erasedBy: 'user' } });

const COURSE_USERS = 'SELECT course_user_id, user_id FROM learning_materials_course_users ORDER BY course_user_id';

const ROWS = 'SELECT id, url, course_user_id FROM learning_materials ORDER BY id';

describe('learning materials projection on PostgreSQL', () => {
  let database: ReadModelTestDatabase;
  let spec: ProjectionSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [database.platformModule(), LearningMaterialsReadModule], sqlClient: database.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  it('given materials were generated for two participants, then each has a row with id and url', async () => {
    await spec.givenEvents('LearningMaterialsUrl_course-user-ada', [generated('course-user-ada', 'run-ada')]);
    await spec.givenEvents('LearningMaterialsUrl_course-user-alan', [generated('course-user-alan', 'run-alan')]);

    expect(await spec.thenRows(ROWS)).toEqual([
      { id: 'run-ada', url: 'https://app.process.st/runs/run-ada', course_user_id: 'course-user-ada' },
      { id: 'run-alan', url: 'https://app.process.st/runs/run-alan', course_user_id: 'course-user-alan' },
    ]);
  });

  it('given the last event delivered a second time, then there is still one row per participant', async () => {
    const live = await spec.thenRows(ROWS);

    await spec.redeliverLastGiven();

    expect(await spec.thenRows(ROWS)).toEqual(live);
  });

  it('when rebuilt from scratch, then the rows equal the live ones', async () => {
    const live = await spec.thenRows(ROWS);

    await spec.rebuild();

    expect(await spec.thenRows(ROWS)).toEqual(live);
  });
});

describe('learning materials projection when a user is erased', () => {
  let database: ReadModelTestDatabase;
  let spec: ProjectionSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [database.platformModule(), LearningMaterialsReadModule], sqlClient: database.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  it('given two participants with materials, when one is erased, then only their rows leave, also on a rebuild', async () => {
    await spec.givenEvents('CourseUser_course-1_user-ada', [registered('user-ada', 'course-user-ada')]);
    await spec.givenEvents('CourseUser_course-1_user-alan', [registered('user-alan', 'course-user-alan')]);
    await spec.givenEvents('LearningMaterialsUrl_course-user-ada', [generated('course-user-ada', 'run-ada')]);
    await spec.givenEvents('LearningMaterialsUrl_course-user-alan', [generated('course-user-alan', 'run-alan')]);

    await spec.givenEvents('UserRegistration_user-ada', [erased('user-ada')]);

    const rows = await spec.thenRows(ROWS);
    expect(rows.map((row) => row.course_user_id)).toEqual(['course-user-alan']);
    expect(await spec.thenRows(COURSE_USERS)).toEqual([{ course_user_id: 'course-user-alan', user_id: 'user-alan' }]);

    await spec.redeliverLastGiven();
    await spec.rebuild();

    expect(await spec.thenRows(ROWS)).toEqual(rows);
    expect(await spec.thenRows(COURSE_USERS)).toEqual([{ course_user_id: 'course-user-alan', user_id: 'user-alan' }]);
  });
});
