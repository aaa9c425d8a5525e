import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ANY, StreamName, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import { accessTokenWithSession } from './sessions';
import type { TestApp } from './test-app';

/** The course edition these participants are enrolled in; a uuid, as every course id the API creates or is configured with. */
const FIXTURE_COURSE_ID = '8f1d2c3b-4a5e-4f60-9b7a-1c2d3e4f5a6b';

export type CourseParticipant = Readonly<{ userId: string; courseUserId: string; fullName: string; emailAddress: string; accessToken: string }>;

/**
 * A participant as the users slices leave one behind: registration completed, enrolled in a course,
 * and an access token signed by the running app. For learning tests that must not wait on the
 * registration flow; `registerConfirmedUser` (support/users.ts) walks that flow over HTTP.
 */
export async function givenCourseParticipant(app: TestApp, fullName = 'Ada Lovelace'): Promise<CourseParticipant> {
  const userId = randomUUID();
  const courseUserId = randomUUID();
  const emailAddress = `participant-${userId.slice(0, 8)}@example.com`;
  const eventStore = app.running.app.get<symbol, EventStore>(EVENT_STORE);
  await append(eventStore, StreamName.of('UserRegistration', userId), 'UserRegistrationWasCompleted', {
    userId,
    fullName,
    emailAddress,
    hashedPassword: 'not-used-by-learning',
  });
  await append(eventStore, StreamName.of('CourseUser', `${FIXTURE_COURSE_ID}_${userId}`), 'CourseUserWasRegistered', {
    userId,
    courseUserId,
    courseId: FIXTURE_COURSE_ID,
  });
  await courseParticipantProjected(app, courseUserId);
  const accessToken = await accessTokenWithSession(app.running, userId);
  return { userId, courseUserId, fullName, emailAddress, accessToken };
}

/** A token for a user the platform has no trace of: authenticated, but no course participant. */
export async function accessTokenOfUnknownUser(app: TestApp): Promise<string> {
  return accessTokenWithSession(app.running, randomUUID());
}

async function append(eventStore: EventStore, stream: StreamName, type: string, data: Record<string, string>): Promise<void> {
  const correlationId = randomUUID();
  await eventStore.appendToStream(stream, [{ type, data, id: randomUUID(), metadata: { correlationId, causationId: correlationId }, occurredAt: new Date() }], {
    expectedVersion: ANY,
  });
}

async function courseParticipantProjected(app: TestApp, courseUserId: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { rows } = await app.database.pool.query(
      'SELECT 1 FROM course_participants p JOIN course_participant_accounts a USING (user_id) WHERE p.course_user_id = $1',
      [courseUserId],
    );
    if (rows.length > 0) return;
    if (Date.now() > deadline) throw new Error(`Course participant ${courseUserId} was not projected`);
    await sleep(50);
  }
}
