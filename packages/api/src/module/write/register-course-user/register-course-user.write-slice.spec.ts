import { testCommand } from '@coderscamp/event-sourcing/testing';
import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { RegisterCourseUserApplicationCommand } from '../../shared/commands/register-course-user.command';
import { CourseUserAlreadyRegistered } from './domain/errors';
import { RegisterCourseUserCommandHandler } from './application/register-course-user.command-handler';

const registered = (courseUserId: string) => ({ type: 'CourseUserWasRegistered', data: { userId: 'user-1', courseUserId, courseId: 'course-1' } });
const register = (courseUserId: string) =>
  testCommand({ class: RegisterCourseUserApplicationCommand, type: 'RegisterCourseUser', data: registered(courseUserId).data });

describe('register course user write slice', () => {
  let spec: WriteModuleSpecification;
  beforeEach(async () => {
    spec = await WriteModuleSpecification.for({ imports: [], providers: [RegisterCourseUserCommandHandler] });
  });
  afterEach(() => spec.close());

  it('given nothing, when registering a user for a course, then registered in the stream of that course and user', async () => {
    await spec.whenCommandExecuted(register('course-user-1'));

    await spec.thenEventsPublished('CourseUser_course-1_user-1', [registered('course-user-1')]);
  });

  it('given registered, when the same registration repeats, then nothing new; another course user id is refused', async () => {
    await spec.givenEventsOccurred('CourseUser_course-1_user-1', [registered('course-user-1')]);

    await spec.whenCommandExecuted(register('course-user-1'));
    await spec.thenNothingPublished('CourseUser_course-1_user-1');

    await spec.whenCommandExecuted(register('course-user-2'));
    await spec.thenCommandFailed(CourseUserAlreadyRegistered);
  });
});
