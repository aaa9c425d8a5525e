import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import { CourseParticipantsReadModule } from './course-participants.read-module';

const completed = (userId: string, fullName: string, emailAddress: string): UserRegistrationWasCompleted => ({
  type: 'UserRegistrationWasCompleted',
  data: { userId, fullName, emailAddress, hashedPassword: 'scrypt$not-projected' },
});
const enrolled = (userId: string, courseUserId: string, courseId: string): CourseUserWasRegistered => ({
  type: 'CourseUserWasRegistered',
  data: { userId, courseUserId, courseId },
});

const PARTICIPANTS = `SELECT p.course_user_id, p.user_id, p.course_id, a.full_name, a.email_address
  FROM course_participants p LEFT JOIN course_participant_accounts a ON a.user_id = p.user_id ORDER BY p.registered_at`;

describe('course participants projection on PostgreSQL', () => {
  let database: ReadModelTestDatabase;
  let spec: ProjectionSpecification;

  beforeAll(async () => {
    database = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [database.platformModule(), CourseParticipantsReadModule], sqlClient: database.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await database.drop();
  });

  it('given a completed registration and enrolments in two courses, then both course users carry the name and address, latest last', async () => {
    await spec.givenEvents('UserRegistration_user-ada', [completed('user-ada', 'Ada Lovelace', 'ada@example.com')]);
    await spec.givenEvents('CourseUser_course-2025_user-ada', [enrolled('user-ada', 'course-user-ada-2025', 'course-2025')]);
    await spec.givenEvents('CourseUser_course-2026_user-ada', [enrolled('user-ada', 'course-user-ada-2026', 'course-2026')]);

    expect(await spec.thenRows(PARTICIPANTS)).toEqual([
      { course_user_id: 'course-user-ada-2025', user_id: 'user-ada', course_id: 'course-2025', full_name: 'Ada Lovelace', email_address: 'ada@example.com' },
      { course_user_id: 'course-user-ada-2026', user_id: 'user-ada', course_id: 'course-2026', full_name: 'Ada Lovelace', email_address: 'ada@example.com' },
    ]);
  });

  it('given the last event delivered a second time, then nothing is duplicated; a rebuild gives the same rows', async () => {
    const live = await spec.thenRows(PARTICIPANTS);

    await spec.redeliverLastGiven();
    expect(await spec.thenRows(PARTICIPANTS)).toEqual(live);

    await spec.rebuild();
    expect(await spec.thenRows(PARTICIPANTS)).toEqual(live);
  });
});
