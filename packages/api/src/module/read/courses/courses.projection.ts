import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { CourseWasCreated } from '../../shared/events/course-was-created.event';
import { AppConfig } from '../../../shared/config/app-config';
import { readModelDatabaseOver, tableNamesOf } from '../../../shared/database/read-model-database';
import { courses } from '../shared/courses.table';

/**
 * A course is created once, so inserting only what is missing makes redelivery harmless; and in its
 * own stream, so the projection may run as partitions (`COURSES_READ_MODEL_PARTITIONS`).
 */
@Injectable()
export class CoursesProjection implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('CoursesReadModel_v1')
      .withOptions({ partitions: this.config.coursesReadModelPartitions })
      .ownsTables(...tableNamesOf(courses))
      .onInitialPosition(async (tx) => {
        await readModelDatabaseOver(tx).delete(courses);
      })
      .onEvent<CourseWasCreated>('CourseWasCreated', async (event, tx) => {
        const { courseId, name, startsAt, endsAt } = event.data;
        await readModelDatabaseOver(tx)
          .insert(courses)
          .values({ courseId, name, startsAt: new Date(startsAt), endsAt: new Date(endsAt) })
          .onConflictDoNothing();
      })
      .build();
  }
}
