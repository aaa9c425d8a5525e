import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { UserProfileWasChanged } from '../../shared/events/user-profile-was-changed.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { eq, sql } from 'drizzle-orm';
import { readModelDatabaseOver, tableNamesOf } from '../../../shared/database/read-model-database';
import { courseParticipantAccounts, courseParticipants } from '../shared/course-participants.table';
import { COURSE_PARTICIPANTS_SUBSCRIPTION_ID } from '../shared/read-model-subscription-ids';

/**
 * Registrations happen once per key, so inserting only what is missing makes redelivery harmless.
 * Names follow profile changes; the name is written only by an event newer (stream version) than the
 * one that wrote it, so a change that arrives before the completion still lands.
 */
@Injectable()
export class CourseParticipantsProjection implements OnModuleInit {
  constructor(private readonly subscriptionsFactory: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptionsFactory
      .subscription(COURSE_PARTICIPANTS_SUBSCRIPTION_ID)
      .ownsTables(...tableNamesOf(courseParticipants, courseParticipantAccounts))
      .onInitialPosition(async (tx) => {
        const db = readModelDatabaseOver(tx);
        await db.delete(courseParticipants);
        await db.delete(courseParticipantAccounts);
      })
      .onEvent<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', (event, tx) => this.onRegistrationCompleted(event, tx))
      .onEvent<CourseUserWasRegistered>('CourseUserWasRegistered', (event, tx) => this.onCourseUserRegistered(event, tx))
      .onEvent<UserProfileWasChanged>('UserProfileWasChanged', (event, tx) => this.onProfileChanged(event, tx))
      .onEvent<UserWasErased>('UserWasErased', (event, tx) => this.onUserErased(event, tx))
      .build();
  }

  private async onRegistrationCompleted(event: ApplicationEvent<UserRegistrationWasCompleted>, tx: SqlExecutor): Promise<void> {
    const { userId, fullName, emailAddress } = event.data;
    await readModelDatabaseOver(tx)
      .insert(courseParticipantAccounts)
      .values({ userId, fullName, fullNameVersion: event.streamVersion, emailAddress })
      .onConflictDoUpdate({ target: courseParticipantAccounts.userId, set: { emailAddress, ...newerName(event.streamVersion) } });
  }

  private async onProfileChanged(event: ApplicationEvent<UserProfileWasChanged>, tx: SqlExecutor): Promise<void> {
    const { userId, fullName } = event.data;
    if (fullName === undefined) return;
    await readModelDatabaseOver(tx)
      .insert(courseParticipantAccounts)
      .values({ userId, fullName, fullNameVersion: event.streamVersion })
      .onConflictDoUpdate({ target: courseParticipantAccounts.userId, set: newerName(event.streamVersion) });
  }

  /** The user leaves every course, and their name and address go with them. */
  private async onUserErased(event: ApplicationEvent<UserWasErased>, tx: SqlExecutor): Promise<void> {
    const db = readModelDatabaseOver(tx);
    await db.delete(courseParticipants).where(eq(courseParticipants.userId, event.data.userId));
    await db.delete(courseParticipantAccounts).where(eq(courseParticipantAccounts.userId, event.data.userId));
  }

  private async onCourseUserRegistered(event: ApplicationEvent<CourseUserWasRegistered>, tx: SqlExecutor): Promise<void> {
    const { courseUserId, userId, courseId } = event.data;
    await readModelDatabaseOver(tx)
      .insert(courseParticipants)
      .values({ courseUserId, userId, courseId, registeredAt: event.globalPosition })
      .onConflictDoNothing();
  }
}

/** The inserted name, where the event is newer than the one that wrote the row's name. */
function newerName(streamVersion: number) {
  const isNewer = sql`${courseParticipantAccounts.fullNameVersion} < ${streamVersion}`;
  return {
    fullName: sql`CASE WHEN ${isNewer} THEN excluded.full_name ELSE ${courseParticipantAccounts.fullName} END`,
    fullNameVersion: sql`greatest(${courseParticipantAccounts.fullNameVersion}, ${streamVersion})`,
  };
}
