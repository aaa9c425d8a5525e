import { randomUUID } from 'node:crypto';
import { type DomainEvent, type EventToAppend, NO_STREAM, StreamName } from '@coderscamp/event-sourcing';
import { migrateEventStore, pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import type { Pool } from 'pg';
import { ErrorLog, runConcurrently } from '../measure/concurrency';

/**
 * A participant of the course with learning materials generated and logged in: what the task
 * webhook and course progress need, and the session an access token must name.
 */
export type Participant = Readonly<{ userId: string; courseUserId: string; learningMaterialsId: string; sessionId: string }>;

const SEEDING_WRITERS = 8;

export function newParticipants(count: number): Participant[] {
  return Array.from({ length: count }, () => ({
    userId: randomUUID(),
    courseUserId: randomUUID(),
    // process.st run ids are about 22 characters.
    learningMaterialsId: randomUUID().replaceAll('-', '').slice(0, 22),
    sessionId: randomUUID(),
  }));
}

/**
 * Appends, through the SDK, the events the app's own flow would have left for these participants:
 * a started course, each user's completed registration, their enrolment, their generated
 * learning materials and a login (streams and data as in packages/api/src/module/shared/events). The app
 * then builds its read models from them, and its automations find everything they look up (the
 * learning-materials mail needs the account), so none of them keeps failing in the background.
 */
export async function seedParticipants(pool: Pool, participants: readonly Participant[]): Promise<void> {
  const client = pgSqlClient(pool);
  await migrateEventStore(client);
  const eventStore = new PostgresEventStore(client);
  const courseId = randomUUID();
  const startedYesterday = new Date(Date.now() - 24 * 3600 * 1000);
  const endsInAMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  await eventStore.appendToStream(
    StreamName.of('Course', courseId),
    [event('CourseWasCreated', { courseId, name: 'Bench course', startsAt: startedYesterday.toISOString(), endsAt: endsInAMonth.toISOString() })],
    { expectedVersion: NO_STREAM },
  );
  const errors = new ErrorLog();
  await runConcurrently(
    SEEDING_WRITERS,
    participants.length,
    async (index) => {
      const { userId, courseUserId, learningMaterialsId, sessionId } = participants[index]!;
      const appendNew = (stream: StreamName, appended: EventToAppend<DomainEvent>) =>
        eventStore.appendToStream(stream, [appended], { expectedVersion: NO_STREAM });
      await appendNew(
        StreamName.of('UserRegistration', userId),
        event('UserRegistrationWasCompleted', { userId, fullName: `Participant ${index}`, emailAddress: `participant-${index}@bench.test`, hashedPassword: 'x' }),
      );
      await appendNew(StreamName.of('CourseUser', `${courseId}_${userId}`), event('CourseUserWasRegistered', { userId, courseUserId, courseId }));
      await appendNew(
        StreamName.of('LearningMaterialsUrl', courseUserId),
        event('LearningMaterialsUrlWasGenerated', { learningMaterialsId, courseUserId, materialsUrl: `https://app.process.st/runs/${learningMaterialsId}` }),
      );
      await appendNew(StreamName.of('UserSession', sessionId), event('SessionWasStarted', { sessionId, userId, userAgent: 'bench' }));
    },
    errors,
  );
  await eventStore.close();
  if (errors.count > 0) throw new Error(`Seeding participants failed: ${errors.summary().join('; ')}`);
}

function event(type: string, data: Record<string, unknown>): EventToAppend<DomainEvent> {
  return { type, data, id: randomUUID(), metadata: { correlationId: randomUUID(), causationId: randomUUID() }, occurredAt: new Date() };
}
