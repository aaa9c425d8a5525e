import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { describe, expect, it } from 'vitest';
import { expectOnlyTheErasedParticipantsRowsToLeave, expectRebuiltRowsToEqualLive, learningMaterialsGenerated } from '../../../../test/support/course-user-read-models';
import { projectionOnReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import type { TaskWasCompleted } from '../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../shared/events/task-was-uncompleted.event';
import { CourseProgressReadModule } from './course-progress.read-module';

const completed = (learningMaterialsId: string, taskId: string): TaskWasCompleted => ({ type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } });
const uncompleted = (learningMaterialsId: string, taskId: string): TaskWasUncompleted => ({
  type: 'TaskWasUncompleted',
  data: { learningMaterialsId, taskId },
});

const COURSE_USERS = 'SELECT course_user_id, user_id FROM course_progress_course_users ORDER BY course_user_id';

const ROWS = 'SELECT course_user_id, learning_materials_id, completed_tasks FROM course_progress ORDER BY course_user_id';

const courseProgressProjection = (database: ReadModelTestDatabase) =>
  ProjectionSpecification.for({ imports: [database.platformModule(), CourseProgressReadModule], sqlClient: database.sqlClient });

describe('course progress projection on PostgreSQL', () => {
  const projection = projectionOnReadModelTestDatabase(courseProgressProjection);

  it('given materials were generated, then progress starts at zero completed tasks', async () => {
    await projection.spec.givenEvents('LearningMaterialsUrl_course-user-ada', [learningMaterialsGenerated('course-user-ada', 'run-ada')]);
    await projection.spec.givenEvents('LearningMaterialsUrl_course-user-alan', [learningMaterialsGenerated('course-user-alan', 'run-alan')]);

    expect(await projection.spec.thenRows(ROWS)).toEqual([
      { course_user_id: 'course-user-ada', learning_materials_id: 'run-ada', completed_tasks: 0 },
      { course_user_id: 'course-user-alan', learning_materials_id: 'run-alan', completed_tasks: 0 },
    ]);
  });

  it('given three tasks completed and one uncompleted, then two are counted, for that participant only', async () => {
    await projection.spec.givenEvents('LearningMaterialsTasks_run-ada', [
      completed('run-ada', 'task-1'),
      completed('run-ada', 'task-2'),
      completed('run-ada', 'task-3'),
      uncompleted('run-ada', 'task-2'),
    ]);

    expect(await projection.spec.thenRows(ROWS)).toEqual([
      { course_user_id: 'course-user-ada', learning_materials_id: 'run-ada', completed_tasks: 2 },
      { course_user_id: 'course-user-alan', learning_materials_id: 'run-alan', completed_tasks: 0 },
    ]);
  });

  it('given the last events delivered a second time, then nothing is counted twice', async () => {
    await projection.spec.givenEvents('LearningMaterialsTasks_run-alan', [completed('run-alan', 'task-1'), completed('run-alan', 'task-2')]);
    const live = await projection.spec.thenRows(ROWS);

    await projection.spec.redeliverLastGiven();

    expect(await projection.spec.thenRows(ROWS)).toEqual(live);
    expect(live[1]).toMatchObject({ course_user_id: 'course-user-alan', completed_tasks: 2 });
  });

  it('given an uncompletion the count cannot follow, then it never goes below zero', async () => {
    await projection.spec.givenEvents('LearningMaterialsUrl_course-user-grace', [learningMaterialsGenerated('course-user-grace', 'run-grace')]);
    await projection.spec.givenEvents('LearningMaterialsTasks_run-grace', [uncompleted('run-grace', 'task-1')]);

    expect(await projection.spec.thenRows(`SELECT completed_tasks FROM course_progress WHERE course_user_id = 'course-user-grace'`)).toEqual([
      { completed_tasks: 0 },
    ]);
  });

  it('given task events of materials this read model does not know, then no row appears', async () => {
    await projection.spec.givenEvents('LearningMaterialsTasks_run-unknown', [completed('run-unknown', 'task-1')]);

    expect(await projection.spec.thenRows(`SELECT * FROM course_progress WHERE learning_materials_id = 'run-unknown'`)).toEqual([]);
  });

  it('when rebuilt from scratch, then the rows equal the live ones', () => expectRebuiltRowsToEqualLive(projection.spec, ROWS));
});

describe('course progress projection when a user is erased', () => {
  const projection = projectionOnReadModelTestDatabase(courseProgressProjection);

  it('given two participants with materials, when one is erased, then only their rows leave, also on a rebuild', () =>
    expectOnlyTheErasedParticipantsRowsToLeave(projection.spec, { rows: ROWS, courseUsers: COURSE_USERS }));
});
