import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { TaskWasCompleted } from '../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../shared/events/task-was-uncompleted.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { CourseProgressReadModule } from './course-progress.read-module';

const completed = (learningMaterialsId: string, taskId: string): TaskWasCompleted => ({ type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } });
const uncompleted = (learningMaterialsId: string, taskId: string): TaskWasUncompleted => ({
  type: 'TaskWasUncompleted',
  data: { learningMaterialsId, taskId },
});
const generated = (courseUserId: string, learningMaterialsId: string) => ({
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId, courseUserId, materialsUrl: `https://app.process.st/runs/${learningMaterialsId}` },
});

const registered = (userId: string, courseUserId: string): CourseUserWasRegistered => ({
  type: 'CourseUserWasRegistered',
  data: { userId, courseUserId, courseId: 'course-1' },
});
const erased = (userId: string): UserWasErased => ({ type: 'UserWasErased', data: { userId, emailAddress: `${userId}@example.com`, erasedBy: 'user' } });

const COURSE_USERS = 'SELECT course_user_id, user_id FROM course_progress_course_users ORDER BY course_user_id';

const ROWS = 'SELECT course_user_id, learning_materials_id, completed_tasks FROM course_progress ORDER BY course_user_id';

describe('course progress projection on PostgreSQL', () => {
  let database: ReadModelTestDatabase;
  let spec: ProjectionSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [database.platformModule(), CourseProgressReadModule], sqlClient: database.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  it('given materials were generated, then progress starts at zero completed tasks', async () => {
    await spec.givenEvents('LearningMaterialsUrl_course-user-ada', [generated('course-user-ada', 'run-ada')]);
    await spec.givenEvents('LearningMaterialsUrl_course-user-alan', [generated('course-user-alan', 'run-alan')]);

    expect(await spec.thenRows(ROWS)).toEqual([
      { course_user_id: 'course-user-ada', learning_materials_id: 'run-ada', completed_tasks: 0 },
      { course_user_id: 'course-user-alan', learning_materials_id: 'run-alan', completed_tasks: 0 },
    ]);
  });

  it('given three tasks completed and one uncompleted, then two are counted, for that participant only', async () => {
    await spec.givenEvents('LearningMaterialsTasks_run-ada', [
      completed('run-ada', 'task-1'),
      completed('run-ada', 'task-2'),
      completed('run-ada', 'task-3'),
      uncompleted('run-ada', 'task-2'),
    ]);

    expect(await spec.thenRows(ROWS)).toEqual([
      { course_user_id: 'course-user-ada', learning_materials_id: 'run-ada', completed_tasks: 2 },
      { course_user_id: 'course-user-alan', learning_materials_id: 'run-alan', completed_tasks: 0 },
    ]);
  });

  it('given the last events delivered a second time, then nothing is counted twice', async () => {
    await spec.givenEvents('LearningMaterialsTasks_run-alan', [completed('run-alan', 'task-1'), completed('run-alan', 'task-2')]);
    const live = await spec.thenRows(ROWS);

    await spec.redeliverLastGiven();

    expect(await spec.thenRows(ROWS)).toEqual(live);
    expect(live[1]).toMatchObject({ course_user_id: 'course-user-alan', completed_tasks: 2 });
  });

  it('given an uncompletion the count cannot follow, then it never goes below zero', async () => {
    await spec.givenEvents('LearningMaterialsUrl_course-user-grace', [generated('course-user-grace', 'run-grace')]);
    await spec.givenEvents('LearningMaterialsTasks_run-grace', [uncompleted('run-grace', 'task-1')]);

    expect(await spec.thenRows(`SELECT completed_tasks FROM course_progress WHERE course_user_id = 'course-user-grace'`)).toEqual([
      { completed_tasks: 0 },
    ]);
  });

  it('given task events of materials this read model does not know, then no row appears', async () => {
    await spec.givenEvents('LearningMaterialsTasks_run-unknown', [completed('run-unknown', 'task-1')]);

    expect(await spec.thenRows(`SELECT * FROM course_progress WHERE learning_materials_id = 'run-unknown'`)).toEqual([]);
  });

  it('when rebuilt from scratch, then the rows equal the live ones', async () => {
    const live = await spec.thenRows(ROWS);

    await spec.rebuild();

    expect(await spec.thenRows(ROWS)).toEqual(live);
  });
});

describe('course progress projection when a user is erased', () => {
  let database: ReadModelTestDatabase;
  let spec: ProjectionSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [database.platformModule(), CourseProgressReadModule], sqlClient: database.sqlClient });
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
