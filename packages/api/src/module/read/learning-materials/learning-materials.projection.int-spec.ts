import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { describe, expect, it } from 'vitest';
import { expectOnlyTheErasedParticipantsRowsToLeave, expectRebuiltRowsToEqualLive, learningMaterialsGenerated } from '../../../../test/support/course-user-read-models';
import { projectionOnReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { LearningMaterialsReadModule } from './learning-materials.read-module';

const COURSE_USERS = 'SELECT course_user_id, user_id FROM learning_materials_course_users ORDER BY course_user_id';

const ROWS = 'SELECT id, url, course_user_id FROM learning_materials ORDER BY id';

const learningMaterialsProjection = (database: ReadModelTestDatabase) =>
  ProjectionSpecification.for({ imports: [database.platformModule(), LearningMaterialsReadModule], sqlClient: database.sqlClient });

describe('learning materials projection on PostgreSQL', () => {
  const projection = projectionOnReadModelTestDatabase(learningMaterialsProjection);

  it('given materials were generated for two participants, then each has a row with id and url', async () => {
    await projection.spec.givenEvents('LearningMaterialsUrl_course-user-ada', [learningMaterialsGenerated('course-user-ada', 'run-ada')]);
    await projection.spec.givenEvents('LearningMaterialsUrl_course-user-alan', [learningMaterialsGenerated('course-user-alan', 'run-alan')]);

    expect(await projection.spec.thenRows(ROWS)).toEqual([
      { id: 'run-ada', url: 'https://app.process.st/runs/run-ada', course_user_id: 'course-user-ada' },
      { id: 'run-alan', url: 'https://app.process.st/runs/run-alan', course_user_id: 'course-user-alan' },
    ]);
  });

  it('given the last event delivered a second time, then there is still one row per participant', async () => {
    const live = await projection.spec.thenRows(ROWS);

    await projection.spec.redeliverLastGiven();

    expect(await projection.spec.thenRows(ROWS)).toEqual(live);
  });

  it('when rebuilt from scratch, then the rows equal the live ones', () => expectRebuiltRowsToEqualLive(projection.spec, ROWS));
});

describe('learning materials projection when a user is erased', () => {
  const projection = projectionOnReadModelTestDatabase(learningMaterialsProjection);

  it('given two participants with materials, when one is erased, then only their rows leave, also on a rebuild', () =>
    expectOnlyTheErasedParticipantsRowsToLeave(projection.spec, { rows: ROWS, courseUsers: COURSE_USERS }));
});
