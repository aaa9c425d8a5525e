import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { RegisterCourseUserApplicationCommand, type RegisterCourseUser } from '../../shared/commands/register-course-user.command';
import { derivedId } from '../shared/derived-id';
import { WhenUserRegistrationWasCompletedThenRegisterCourseUser } from './when-user-registration-was-completed-then-register-course-user.automation';

/**
 * This automation keeps the courses it has seen in its own table, written in its subscription's
 * transaction, so it runs on PostgreSQL; the write slice is replaced by a handler that records.
 */
const executed: RegisterCourseUser['data'][] = [];

@CommandHandler(RegisterCourseUserApplicationCommand)
class RecordingRegisterCourseUser implements ICommandHandler<RegisterCourseUserApplicationCommand> {
  async execute(command: RegisterCourseUserApplicationCommand): Promise<void> {
    executed.push(command.data);
  }
}

const CURRENT_COURSE_ID = '3f6a1c2e-7b4d-4e8f-9a1b-2c3d4e5f6a7b';
// Given events occur at the spec clock's time, 2026-01-01.
const course = (courseId: string, startsAt: string) => ({
  type: 'CourseWasCreated',
  data: { courseId, name: courseId, startsAt, endsAt: '2099-12-31T00:00:00.000Z' },
});
const completed = (userId: string) => ({
  type: 'UserRegistrationWasCompleted',
  data: { userId, fullName: 'Jan', emailAddress: `${userId}@example.com`, hashedPassword: 'h' },
});
const registration = (userId: string, courseId: string): RegisterCourseUser['data'] => ({
  userId,
  courseUserId: derivedId(`${courseId}/${userId}`, 'course-user'),
  courseId,
});

describe('when user registration was completed then register course user', () => {
  let db: ReadModelTestDatabase;
  let spec: ProjectionSpecification;
  const start = async (env: Record<string, string> = {}) => {
    db = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({
      imports: [db.platformModule(env), WhenUserRegistrationWasCompletedThenRegisterCourseUser],
      providers: [RecordingRegisterCourseUser],
      sqlClient: db.sqlClient,
    });
  };
  beforeEach(() => {
    executed.length = 0;
  });
  afterEach(async () => {
    await spec.close();
    await db.drop();
  });

  it('given courses past and future, when a registration completes, then the user joins the latest course started by then, once even if redelivered', async () => {
    await start();
    await spec.givenEvents('Course_old', [course('old', '2024-09-01T00:00:00.000Z')]);
    await spec.givenEvents('Course_current', [course('current', '2025-09-01T00:00:00.000Z')]);
    await spec.givenEvents('Course_next', [course('next', '2026-09-01T00:00:00.000Z')]);

    await spec.givenEvents('UserRegistration_u1', [completed('u1')]);
    expect(executed).toEqual([registration('u1', 'current')]);

    // A redelivery issues the very same command (same course user id), which the write slice treats as done.
    await spec.redeliverLastGiven();
    expect(executed).toEqual([registration('u1', 'current'), registration('u1', 'current')]);
  });

  it('given CURRENT_COURSE_ID, when a registration completes, then the user joins that course whatever else exists', async () => {
    await start({ CURRENT_COURSE_ID });
    await spec.givenEvents('Course_other', [course('other', '2025-09-01T00:00:00.000Z')]);

    await spec.givenEvents('UserRegistration_u1', [completed('u1')]);

    expect(executed).toEqual([registration('u1', CURRENT_COURSE_ID)]);
  });

  it('given no course started yet, when registrations complete, then nobody is enrolled until the next course is created, which all waiting users join', async () => {
    await start();
    await spec.givenEvents('Course_future', [course('future', '2027-01-01T00:00:00.000Z')]);
    await spec.givenEvents('UserRegistration_u1', [completed('u1')]);
    await spec.givenEvents('UserRegistration_u2', [completed('u2')]);
    expect(executed).toEqual([]);
    expect(await spec.thenRows('SELECT user_id FROM course_enrollment_waiting_users ORDER BY user_id')).toEqual([{ user_id: 'u1' }, { user_id: 'u2' }]);

    await spec.givenEvents('Course_next', [course('next', '2027-02-01T00:00:00.000Z')]);

    expect(executed).toEqual([registration('u1', 'next'), registration('u2', 'next')]);
    expect(await spec.thenRows('SELECT user_id FROM course_enrollment_waiting_users')).toEqual([]);
  });

  it('when only other events occur (the enrolment itself included), then nothing is issued (no loop)', async () => {
    await start();
    await spec.givenEvents('CourseUser_c_u1', [{ type: 'CourseUserWasRegistered', data: registration('u1', 'c') }]);
    await spec.givenEvents('UserRegistration_u1', [{ type: 'UserRegistrationWasStarted', data: completed('u1').data }]);

    expect(executed).toEqual([]);
  });
});
