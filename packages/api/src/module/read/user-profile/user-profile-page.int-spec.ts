import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CourseParticipantsReadModule, CourseProgressReadModule, CoursesReadModule } from '../../../../test/support/participants-list';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { CourseWasCreated } from '../../shared/events/course-was-created.event';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import type { TaskWasCompleted } from '../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../shared/events/task-was-uncompleted.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import { UserProfileController } from './user-profile.controller';
import { UserProfileReadModule } from './user-profile.read-module';

const registrationCompleted = (userId: string, fullName: string): UserRegistrationWasCompleted => ({
  type: 'UserRegistrationWasCompleted',
  data: { userId, fullName, emailAddress: `${userId}@example.com`, hashedPassword: 'h' },
});
const courseCreated = (courseId: string, name: string): CourseWasCreated => ({
  type: 'CourseWasCreated',
  data: { courseId, name, startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-09-30T00:00:00.000Z' },
});
const courseUserRegistered = (userId: string, courseId: string): CourseUserWasRegistered => ({
  type: 'CourseUserWasRegistered',
  data: { userId, courseUserId: `${courseId}_${userId}`, courseId },
});
const materialsGenerated = (courseUserId: string, learningMaterialsId: string): LearningMaterialsUrlWasGenerated => ({
  type: 'LearningMaterialsUrlWasGenerated',
  data: { learningMaterialsId, courseUserId, materialsUrl: `https://app.process.st/runs/${learningMaterialsId}` },
});
const completed = (learningMaterialsId: string, taskId: string): TaskWasCompleted => ({ type: 'TaskWasCompleted', data: { learningMaterialsId, taskId } });
const uncompleted = (learningMaterialsId: string, taskId: string): TaskWasUncompleted => ({ type: 'TaskWasUncompleted', data: { learningMaterialsId, taskId } });

/**
 * The administrators' participants list joins four read models: profiles (this slice), course
 * participants, courses and course progress. Given the events those slices project, the list shows
 * each user's course and completed tasks; a redelivery or a rebuild of all four changes nothing.
 */
describe('participants list: course and progress per user, on PostgreSQL', () => {
  let database: ReadModelTestDatabase;
  let spec: ProjectionSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({
      imports: [database.platformModule(), UserProfileReadModule, CourseParticipantsReadModule, CoursesReadModule, CourseProgressReadModule],
      sqlClient: database.sqlClient,
    });
  });

  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  /** Name, course and completed tasks of every listed user, in the list's order. */
  const listed = async () => {
    const { items } = await spec.module.get(UserProfileController).list({ page: 1, limit: 100 });
    return items.map(({ fullName, course, completedTasks }) => ({ fullName, course, completedTasks }));
  };

  it('given users registered, then each is listed with no course and 0 tasks', async () => {
    await spec.givenEvents('UserRegistration_ada', [registrationCompleted('ada', 'Ada Lovelace')]);
    await spec.givenEvents('UserRegistration_alan', [registrationCompleted('alan', 'Alan Turing')]);

    expect(await listed()).toEqual([
      { fullName: 'Ada Lovelace', course: null, completedTasks: 0 },
      { fullName: 'Alan Turing', course: null, completedTasks: 0 },
    ]);
  });

  it('given both enrolled in a course and their materials generated, then each shows the course’s name and 0 tasks', async () => {
    await spec.givenEvents('Course_cc-2026', [courseCreated('cc-2026', 'CodersCamp 2026')]);
    await spec.givenEvents('CourseUser_cc-2026_ada', [courseUserRegistered('ada', 'cc-2026')]);
    await spec.givenEvents('CourseUser_cc-2026_alan', [courseUserRegistered('alan', 'cc-2026')]);
    await spec.givenEvents('LearningMaterialsUrl_cc-2026_ada', [materialsGenerated('cc-2026_ada', 'run-ada')]);
    await spec.givenEvents('LearningMaterialsUrl_cc-2026_alan', [materialsGenerated('cc-2026_alan', 'run-alan')]);

    expect(await listed()).toEqual([
      { fullName: 'Ada Lovelace', course: { id: 'cc-2026', name: 'CodersCamp 2026' }, completedTasks: 0 },
      { fullName: 'Alan Turing', course: { id: 'cc-2026', name: 'CodersCamp 2026' }, completedTasks: 0 },
    ]);
  });

  it('given three tasks completed and one uncompleted by one user and one task by the other, then 2 and 1; a redelivery counts nothing twice', async () => {
    await spec.givenEvents('LearningMaterialsTasks_run-alan', [completed('run-alan', 'task-1')]);
    await spec.givenEvents('LearningMaterialsTasks_run-ada', [
      completed('run-ada', 'task-1'),
      completed('run-ada', 'task-2'),
      completed('run-ada', 'task-3'),
      uncompleted('run-ada', 'task-2'),
    ]);
    const expected = [
      { fullName: 'Ada Lovelace', course: { id: 'cc-2026', name: 'CodersCamp 2026' }, completedTasks: 2 },
      { fullName: 'Alan Turing', course: { id: 'cc-2026', name: 'CodersCamp 2026' }, completedTasks: 1 },
    ];

    expect(await listed()).toEqual(expected);
    await spec.redeliverLastGiven();
    expect(await listed()).toEqual(expected);
  });

  it('given a user enrolled again in a later course, then that course is listed, with its own progress', async () => {
    await spec.givenEvents('Course_cc-2027', [courseCreated('cc-2027', 'CodersCamp 2027')]);
    await spec.givenEvents('CourseUser_cc-2027_alan', [courseUserRegistered('alan', 'cc-2027')]);

    expect((await listed())[1]).toEqual({ fullName: 'Alan Turing', course: { id: 'cc-2027', name: 'CodersCamp 2027' }, completedTasks: 0 });
  });

  it('given an enrolment in a course whose creation no event records yet, then the course’s id with no name', async () => {
    await spec.givenEvents('UserRegistration_grace', [registrationCompleted('grace', 'Grace Hopper')]);
    await spec.givenEvents('CourseUser_cc-later_grace', [courseUserRegistered('grace', 'cc-later')]);

    expect((await listed())[2]).toEqual({ fullName: 'Grace Hopper', course: { id: 'cc-later', name: null }, completedTasks: 0 });
  });

  it('when every read model is rebuilt from the first event, then the list is the same', async () => {
    const live = await listed();

    await spec.rebuild();

    expect(await listed()).toEqual(live);
    expect(live.map(({ completedTasks }) => completedTasks)).toEqual([2, 0, 0]);
  });
});
