import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { and, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import type { TaskWasCompleted } from '../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../shared/events/task-was-uncompleted.event';
import { readModelDatabaseOver } from '../../../shared/database/read-model-database';
import { courseProgress } from './course-progress.table';

type TaskEvent = ApplicationEvent<TaskWasCompleted> | ApplicationEvent<TaskWasUncompleted>;

@Injectable()
export class CourseProgressProjection implements OnModuleInit {
  constructor(private readonly subscriptionsFactory: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptionsFactory
      .subscription('CourseProgressReadModel_v1')
      .onInitialPosition(async (tx) => {
        await readModelDatabaseOver(tx).delete(courseProgress);
      })
      .onEvent<LearningMaterialsUrlWasGenerated>('LearningMaterialsUrlWasGenerated', async (event, tx) => {
        const { courseUserId, learningMaterialsId } = event.data;
        await readModelDatabaseOver(tx).insert(courseProgress).values({ courseUserId, learningMaterialsId }).onConflictDoNothing();
      })
      .onEvent<TaskWasCompleted>('TaskWasCompleted', (event, tx) =>
        this.countTasks(event, tx, sql`${courseProgress.completedTasks} + 1`),
      )
      .onEvent<TaskWasUncompleted>('TaskWasUncompleted', (event, tx) =>
        this.countTasks(event, tx, sql`greatest(${courseProgress.completedTasks} - 1, 0)`),
      )
      .build();
  }

  private async countTasks(event: TaskEvent, tx: SqlExecutor, completedTasks: SQL): Promise<void> {
    await readModelDatabaseOver(tx)
      .update(courseProgress)
      .set({ completedTasks, tasksStreamVersion: event.streamVersion })
      .where(
        and(
          eq(courseProgress.learningMaterialsId, event.data.learningMaterialsId),
          lt(courseProgress.tasksStreamVersion, event.streamVersion),
        ),
      );
  }
}
