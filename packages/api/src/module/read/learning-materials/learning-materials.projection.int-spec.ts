import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import { LearningMaterialsReadModule } from './learning-materials.read-module';

const generated = (courseUserId: string, learningMaterialsId: string): LearningMaterialsUrlWasGenerated => ({
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId, courseUserId, materialsUrl: `https://app.process.st/runs/${learningMaterialsId}` },
});

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
