import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { UserProfileWasChanged } from '../../shared/events/user-profile-was-changed.event';
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

const nameChanged = (userId: string, fullName: string): UserProfileWasChanged => ({ type: 'UserProfileWasChanged', data: { userId, fullName } });
const ACCOUNT = 'SELECT full_name, email_address FROM course_participant_accounts WHERE user_id = $1';

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

  it('given a name change after the registration, then the account carries the new name; an image-only change keeps it; redelivery and rebuild agree', async () => {
    await spec.givenEvents('UserRegistration_user-grace', [completed('user-grace', 'Grace', 'grace@example.com'), nameChanged('user-grace', 'Grace Hopper')]);
    await spec.givenEvents('UserRegistration_user-grace', [{ type: 'UserProfileWasChanged', data: { userId: 'user-grace', image: 'https://example.com/g.png' } }]);

    const expected = [{ full_name: 'Grace Hopper', email_address: 'grace@example.com' }];
    expect(await spec.thenRows(ACCOUNT, ['user-grace'])).toEqual(expected);
    await spec.redeliverLastGiven();
    expect(await spec.thenRows(ACCOUNT, ['user-grace'])).toEqual(expected);
    await spec.rebuild();
    expect(await spec.thenRows(ACCOUNT, ['user-grace'])).toEqual(expected);
  });

  // A completion parked by the poison-event policy and replayed later reaches the projection after
  // the change: the change (stream version 2) is appended on a stream of its own first, the
  // completion (version 1) after it.
  it('given a name change that arrives before the registration\'s completion, then the account keeps the newer name and gets the address', async () => {
    await spec.givenEvents('UserRegistration_user-linus-changes', [completed('user-linus-changes', 'Other', 'other@example.com'), nameChanged('user-linus', 'Linus T.')]);
    expect(await spec.thenRows(ACCOUNT, ['user-linus'])).toEqual([{ full_name: 'Linus T.', email_address: null }]);

    await spec.givenEvents('UserRegistration_user-linus', [completed('user-linus', 'Linus', 'linus@example.com')]);
    expect(await spec.thenRows(ACCOUNT, ['user-linus'])).toEqual([{ full_name: 'Linus T.', email_address: 'linus@example.com' }]);
  });

  it('given a participant who was erased, then they leave every course and their name and address go; rebuild the same', async () => {
    await spec.givenEvents('UserRegistration_erased-1', [completed('erased-1', 'Ewa Erased', 'ewa@example.com'), nameChanged('erased-1', 'Ewa Renamed')]);
    await spec.givenEvents('CourseUser_course-e_erased-1', [enrolled('erased-1', 'cu-erased-1', 'course-e')]);
    await spec.givenEvents('UserRegistration_erased-1', [{ type: 'UserWasErased', data: { userId: 'erased-1', emailAddress: 'ewa@example.com', erasedBy: 'user' } }]);

    const left = async () => ({
      participants: await spec.thenRows('SELECT course_user_id FROM course_participants WHERE user_id = $1', ['erased-1']),
      account: await spec.thenRows(ACCOUNT, ['erased-1']),
    });
    expect(await left()).toEqual({ participants: [], account: [] });
    await spec.rebuild();
    expect(await left()).toEqual({ participants: [], account: [] });
  });
});
