import type { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { expect } from 'vitest';
import type { CourseUserWasRegistered } from '../../src/module/shared/events/course-user-was-registered.event';
import type { LearningMaterialsUrlWasGenerated } from '../../src/module/shared/events/learning-materials-url-was-generated.event';
import type { UserWasErased } from '../../src/module/shared/events/user-was-erased.event';

/** The queries a read model kept per course user answers: its own rows, and its course-user to user table. */
export type CourseUserReadModelQueries = Readonly<{ rows: string; courseUsers: string }>;

export const learningMaterialsGenerated = (courseUserId: string, learningMaterialsId: string): LearningMaterialsUrlWasGenerated => ({
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId, courseUserId, materialsUrl: `https://app.process.st/runs/${learningMaterialsId}` },
});

const registered = (userId: string, courseUserId: string): CourseUserWasRegistered => ({
  type: 'CourseUserWasRegistered',
  data: { userId, courseUserId, courseId: 'course-1' },
});
const erased = (userId: string): UserWasErased => ({ type: 'UserWasErased', data: { userId, emailAddress: `${userId}@example.com`, erasedBy: 'user' } });

/** Rebuilds the read models from scratch and expects the rows `rowsQuery` selects to be the live ones. */
export async function expectRebuiltRowsToEqualLive(spec: ProjectionSpecification, rowsQuery: string): Promise<void> {
  const live = await spec.thenRows(rowsQuery);

  await spec.rebuild();

  expect(await spec.thenRows(rowsQuery)).toEqual(live);
}

/**
 * For a read model kept per course user, which finds a user's rows through its own course-user table
 * (UserWasErased names the user, not the course user): given two participants with materials, when one
 * is erased, only their rows leave, and no others come back when the erasure is delivered again or the
 * read model is rebuilt.
 */
export async function expectOnlyTheErasedParticipantsRowsToLeave(spec: ProjectionSpecification, queries: CourseUserReadModelQueries): Promise<void> {
  await spec.givenEvents('CourseUser_course-1_user-ada', [registered('user-ada', 'course-user-ada')]);
  await spec.givenEvents('CourseUser_course-1_user-alan', [registered('user-alan', 'course-user-alan')]);
  await spec.givenEvents('LearningMaterialsUrl_course-user-ada', [learningMaterialsGenerated('course-user-ada', 'run-ada')]);
  await spec.givenEvents('LearningMaterialsUrl_course-user-alan', [learningMaterialsGenerated('course-user-alan', 'run-alan')]);

  await spec.givenEvents('UserRegistration_user-ada', [erased('user-ada')]);

  const rows = await spec.thenRows(queries.rows);
  expect(rows.map((row) => row.course_user_id)).toEqual(['course-user-alan']);
  expect(await spec.thenRows(queries.courseUsers)).toEqual([{ course_user_id: 'course-user-alan', user_id: 'user-alan' }]);

  await spec.redeliverLastGiven();
  await spec.rebuild();

  expect(await spec.thenRows(queries.rows)).toEqual(rows);
  expect(await spec.thenRows(queries.courseUsers)).toEqual([{ course_user_id: 'course-user-alan', user_id: 'user-alan' }]);
}
