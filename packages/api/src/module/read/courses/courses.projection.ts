import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { CourseWasCreated } from '../../shared/events/course-was-created.event';

@Injectable()
export class CoursesProjection implements OnModuleInit {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('CoursesReadModel_v1')
      .onInitialPosition(async (tx) => {
        await tx.query('DELETE FROM courses');
      })
      .onEvent<CourseWasCreated>('CourseWasCreated', async (event, tx) => {
        const { courseId, name, startsAt, endsAt } = event.data;
        await tx.query(
          'INSERT INTO courses (course_id, name, starts_at, ends_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          [courseId, name, startsAt, endsAt],
        );
      })
      .build();
  }
}
