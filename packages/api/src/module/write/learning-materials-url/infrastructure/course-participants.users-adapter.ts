import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { courseParticipantAccounts, courseParticipants } from '../../../read/shared/course-participants.table';
import type { UsersPort } from '../application/users.port';

/** Answers from the course participants read model, which follows registrations and enrolments. */
@Injectable()
export class CourseParticipantsUsersAdapter implements UsersPort {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase) {}

  async currentCourseUserIdOf(userId: string): Promise<string | undefined> {
    const [latest] = await this.db
      .select({ courseUserId: courseParticipants.courseUserId })
      .from(courseParticipants)
      .where(eq(courseParticipants.userId, userId))
      .orderBy(desc(courseParticipants.registeredAt))
      .limit(1);
    return latest?.courseUserId;
  }

  async fullNameOf(courseUserId: string): Promise<string | undefined> {
    const [participant] = await this.db
      .select({ fullName: courseParticipantAccounts.fullName })
      .from(courseParticipants)
      .innerJoin(courseParticipantAccounts, eq(courseParticipantAccounts.userId, courseParticipants.userId))
      // Without an address the row holds a name change only: the registration's completion is still to come.
      .where(and(eq(courseParticipants.courseUserId, courseUserId), isNotNull(courseParticipantAccounts.emailAddress)));
    return participant?.fullName ?? undefined;
  }
}
