import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { RegisterCourseUserApplicationCommand } from '../../shared/commands/register-course-user.command';
import { CourseUserAlreadyRegistered } from './domain/errors';
import { RegisterCourseUserWriteModule } from './register-course-user.write-module';

const registered = (courseUserId: string) => ({ type: 'CourseUserWasRegistered', data: { userId: 'user-1', courseUserId, courseId: 'course-1' } });
const register = (courseUserId: string) =>
  new RegisterCourseUserApplicationCommand('command-1', new Date(), 'RegisterCourseUser', registered(courseUserId).data, { correlationId: 'c-1' });

describe('register course user write module', () => {
  let spec: WriteModuleSpecification;
  beforeEach(async () => {
    spec = await WriteModuleSpecification.for({ imports: [RegisterCourseUserWriteModule] });
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
