import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import { readModelDatabaseOver } from '../../../shared/database/read-model-database';
import { COURSE_PARTICIPANTS_SUBSCRIPTION_ID, courseParticipantAccounts, courseParticipants } from '../shared/course-participants.table';

/** Both events happen once per key, so inserting only what is missing makes redelivery harmless. */
@Injectable()
export class CourseParticipantsProjection implements OnModuleInit {
  constructor(private readonly subscriptionsFactory: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptionsFactory
      .subscription(COURSE_PARTICIPANTS_SUBSCRIPTION_ID)
      .onInitialPosition(async (tx) => {
        const db = readModelDatabaseOver(tx);
        await db.delete(courseParticipants);
        await db.delete(courseParticipantAccounts);
      })
      .onEvent<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', (event, tx) => this.onRegistrationCompleted(event, tx))
      .onEvent<CourseUserWasRegistered>('CourseUserWasRegistered', (event, tx) => this.onCourseUserRegistered(event, tx))
      .build();
  }

  private async onRegistrationCompleted(event: ApplicationEvent<UserRegistrationWasCompleted>, tx: SqlExecutor): Promise<void> {
    const { userId, fullName, emailAddress } = event.data;
    await readModelDatabaseOver(tx).insert(courseParticipantAccounts).values({ userId, fullName, emailAddress }).onConflictDoNothing();
  }

  private async onCourseUserRegistered(event: ApplicationEvent<CourseUserWasRegistered>, tx: SqlExecutor): Promise<void> {
    const { courseUserId, userId, courseId } = event.data;
    await readModelDatabaseOver(tx)
      .insert(courseParticipants)
      .values({ courseUserId, userId, courseId, registeredAt: event.globalPosition })
      .onConflictDoNothing();
  }
}
