import type { ReadModelDatabase } from '../../src/shared/database/read-model-database';
import { courseParticipantAccounts, courseParticipants } from '../../src/module/read/shared/course-participants.table';

export type Participant = Readonly<{ userId: string; courseUserId: string; fullName: string; emailAddress: string }>;

/** Arranges the course participants read model as the registration and enrolment events leave it. */
export async function givenCourseParticipant(db: ReadModelDatabase, participant: Participant, registeredAt = 1n): Promise<void> {
  const { userId, courseUserId, fullName, emailAddress } = participant;
  await db.insert(courseParticipantAccounts).values({ userId, fullName, emailAddress }).onConflictDoNothing();
  await db.insert(courseParticipants).values({ courseUserId, userId, courseId: 'course-2025', registeredAt }).onConflictDoNothing();
}

/** Enrolled in a course, but the registration was never completed. */
export async function givenEnrolledWithoutAccount(db: ReadModelDatabase, userId: string, courseUserId: string): Promise<void> {
  await db.insert(courseParticipants).values({ courseUserId, userId, courseId: 'course-2025', registeredAt: 1n }).onConflictDoNothing();
}

/**
 * The slice that projects these tables, for specs of slices that read them through its
 * subscription (`readsFrom`), which cannot start without it. Exported here because a slice may not
 * import another slice.
 */
export { CourseParticipantsReadModule } from '../../src/module/read/course-participants/course-participants.read-module';
