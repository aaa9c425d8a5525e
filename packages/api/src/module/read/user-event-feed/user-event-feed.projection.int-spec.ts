import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { UserEventFeedProjection } from './user-event-feed.projection';

const registrationCompleted = (userId: string) => ({
  type: 'UserRegistrationWasCompleted',
  data: { userId, fullName: `Name of ${userId}`, emailAddress: `${userId}@example.com`, hashedPassword: 'scrypt$secret' },
});
const courseUserRegistered = (userId: string, courseUserId: string) => ({ type: 'CourseUserWasRegistered', data: { userId, courseUserId, courseId: 'course-2025' } });
const materialsGenerated = (courseUserId: string, learningMaterialsId: string) => ({
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId, courseUserId, materialsUrl: `https://materials.example/${learningMaterialsId}` },
});
const task = (type: 'TaskWasCompleted' | 'TaskWasUncompleted', learningMaterialsId: string, taskId: string) => ({ type, data: { learningMaterialsId, taskId } });

const FEED = `SELECT user_id, type, data FROM user_event_feed_entries ORDER BY position`;

/** The projection alone (the gateway needs a running HTTP server; the e2e tests cover it). */
describe('user event feed projection on PostgreSQL', () => {
  let database: ReadModelTestDatabase;
  let spec: ProjectionSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [database.platformModule()], providers: [UserEventFeedProjection], sqlClient: database.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  it('given a user registered and enrolled with materials, then the feed has their registration and materials, without the password hash', async () => {
    await spec.givenEvents('UserRegistration_ada', [registrationCompleted('ada')]);
    await spec.givenEvents('CourseUser_course-2025_ada', [courseUserRegistered('ada', 'cu-ada')]);
    await spec.givenEvents('LearningMaterialsUrl_cu-ada', [materialsGenerated('cu-ada', 'lm-ada')]);

    expect(await spec.thenRows(FEED)).toEqual([
      { user_id: 'ada', type: 'UserRegistrationWasCompleted', data: { userId: 'ada', fullName: 'Name of ada', emailAddress: 'ada@example.com' } },
      { user_id: 'ada', type: 'LearningMaterialsUrlWasGenerated', data: { learningMaterialsId: 'lm-ada', courseUserId: 'cu-ada', materialsUrl: 'https://materials.example/lm-ada' } },
    ]);
  });

  it('given tasks completed and uncompleted, then each entry carries the progress after it, and a redelivered event does not count twice', async () => {
    await spec.givenEvents('LearningMaterialsTasks_lm-ada', [task('TaskWasCompleted', 'lm-ada', 't1'), task('TaskWasCompleted', 'lm-ada', 't2')]);
    await spec.redeliverLastGiven();
    await spec.givenEvents('LearningMaterialsTasks_lm-ada', [task('TaskWasUncompleted', 'lm-ada', 't1')]);

    const progress = (await spec.thenRows(FEED)).slice(2).map(({ type, data }) => [type, (data as { completedTasks: number }).completedTasks]);
    expect(progress).toEqual([
      ['TaskWasCompleted', 1],
      ['TaskWasCompleted', 2],
      ['TaskWasUncompleted', 1],
    ]);
  });

  it('given events about materials nobody enrolled for, then nobody is told', async () => {
    await spec.givenEvents('LearningMaterialsUrl_cu-ghost', [materialsGenerated('cu-ghost', 'lm-ghost')]);
    await spec.givenEvents('LearningMaterialsTasks_lm-ghost', [task('TaskWasCompleted', 'lm-ghost', 't1')]);

    expect(await spec.thenRows(`SELECT count(*)::int AS count FROM user_event_feed_entries WHERE data->>'learningMaterialsId' = 'lm-ghost'`)).toEqual([{ count: 0 }]);
  });

  it('given a rebuild, then the same feed comes back, under new positions', async () => {
    const before = await spec.thenRows(`SELECT user_id, type, data, position FROM user_event_feed_entries ORDER BY position`);

    await spec.rebuild();

    const after = await spec.thenRows(`SELECT user_id, type, data, position FROM user_event_feed_entries ORDER BY position`);
    expect(after.map(({ position: _position, ...entry }) => entry)).toEqual(before.map(({ position: _position, ...entry }) => entry));
    expect(Number(after[0].position)).toBeGreaterThan(Number(before.at(-1)?.position));
  });

  it('given profile changes, then the user is told only the fields that changed, once even when redelivered', async () => {
    await spec.givenEvents('UserRegistration_grace', [
      registrationCompleted('grace'),
      { type: 'UserProfileWasChanged', data: { userId: 'grace', fullName: 'Grace Hopper' } },
      { type: 'UserProfileWasChanged', data: { userId: 'grace', image: 'https://example.com/grace.png' } },
    ]);
    await spec.redeliverLastGiven();

    expect(await spec.thenRows(`SELECT type, data FROM user_event_feed_entries WHERE user_id = 'grace' AND type = 'UserProfileWasChanged' ORDER BY position`)).toEqual([
      { type: 'UserProfileWasChanged', data: { userId: 'grace', fullName: 'Grace Hopper' } },
      { type: 'UserProfileWasChanged', data: { userId: 'grace', image: 'https://example.com/grace.png' } },
    ]);
  });
});
