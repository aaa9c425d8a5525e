import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
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
      .onEvent<TaskWasCompleted>('TaskWasCompleted', (event, tx) => countTask(event, tx, +1))
      .onEvent<TaskWasUncompleted>('TaskWasUncompleted', (event, tx) => countTask(event, tx, -1))
      .build();
  }
}

/**
 * Runs for every task event, so it is plain SQL prepared once per connection rather than built per
 * event. The stream version guard skips a redelivered event.
 */
async function countTask(event: TaskEvent, tx: SqlExecutor, change: 1 | -1): Promise<void> {
  await tx.query(
    `update course_progress set completed_tasks = greatest(completed_tasks + $2, 0), tasks_stream_version = $3
     where learning_materials_id = $1 and tasks_stream_version < $3`,
    [event.data.learningMaterialsId, change, event.streamVersion],
    { preparedAs: 'course_progress_count_task' },
  );
}
