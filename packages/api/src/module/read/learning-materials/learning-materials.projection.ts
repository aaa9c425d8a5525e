import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { eq, inArray } from 'drizzle-orm';
import { readModelDatabaseOver, tableNamesOf } from '../../../shared/database/read-model-database';
import { learningMaterials } from '../shared/learning-materials.table';
import { learningMaterialsCourseUsers } from './learning-materials-course-users.table';

/** Named for reads that report the feed position they reflect. */
export const LEARNING_MATERIALS_SUBSCRIPTION_ID = 'LearningMaterialsReadModel_v1';

@Injectable()
export class LearningMaterialsProjection implements OnModuleInit {
  constructor(private readonly subscriptionsFactory: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptionsFactory
      .subscription(LEARNING_MATERIALS_SUBSCRIPTION_ID)
      .ownsTables(...tableNamesOf(learningMaterials, learningMaterialsCourseUsers))
      .onInitialPosition(async (tx) => {
        const db = readModelDatabaseOver(tx);
        await db.delete(learningMaterials);
        await db.delete(learningMaterialsCourseUsers);
      })
      .onEvent<CourseUserWasRegistered>('CourseUserWasRegistered', async (event, tx) => {
        const { courseUserId, userId } = event.data;
        await readModelDatabaseOver(tx).insert(learningMaterialsCourseUsers).values({ courseUserId, userId }).onConflictDoNothing();
      })
      .onEvent<LearningMaterialsUrlWasGenerated>('LearningMaterialsUrlWasGenerated', async (event, tx) => {
        const { learningMaterialsId, courseUserId, materialsUrl } = event.data;
        // Generated at most once per course user, so a row that exists is this very event redelivered.
        await readModelDatabaseOver(tx)
          .insert(learningMaterials)
          .values({ id: learningMaterialsId, courseUserId, url: materialsUrl })
          .onConflictDoNothing();
      })
      .onEvent<UserWasErased>('UserWasErased', async (event, tx) => {
        const db = readModelDatabaseOver(tx);
        const theirs = db
          .select({ courseUserId: learningMaterialsCourseUsers.courseUserId })
          .from(learningMaterialsCourseUsers)
          .where(eq(learningMaterialsCourseUsers.userId, event.data.userId));
        await db.delete(learningMaterials).where(inArray(learningMaterials.courseUserId, theirs));
        await db.delete(learningMaterialsCourseUsers).where(eq(learningMaterialsCourseUsers.userId, event.data.userId));
      })
      .build();
  }
}
