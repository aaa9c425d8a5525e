import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import type { TaskWasCompleted } from '../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../shared/events/task-was-uncompleted.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { eq, inArray } from 'drizzle-orm';
import { readModelDatabaseOver, tableNamesOf } from '../../../shared/database/read-model-database';
import { courseProgress } from '../shared/course-progress.table';
import { courseProgressCourseUsers } from './course-progress-course-users.table';

type TaskEvent = ApplicationEvent<TaskWasCompleted> | ApplicationEvent<TaskWasUncompleted>;

/** Named for reads that report the feed position they reflect. */
export const COURSE_PROGRESS_SUBSCRIPTION_ID = 'CourseProgressReadModel_v1';

@Injectable()
export class CourseProgressProjection implements OnModuleInit {
  constructor(private readonly subscriptionsFactory: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptionsFactory
      .subscription(COURSE_PROGRESS_SUBSCRIPTION_ID)
      .ownsTables(...tableNamesOf(courseProgress, courseProgressCourseUsers))
      .onInitialPosition(async (tx) => {
        const db = readModelDatabaseOver(tx);
        await db.delete(courseProgress);
        await db.delete(courseProgressCourseUsers);
      })
      .onEvent<CourseUserWasRegistered>('CourseUserWasRegistered', async (event, tx) => {
        const { courseUserId, userId } = event.data;
        await readModelDatabaseOver(tx).insert(courseProgressCourseUsers).values({ courseUserId, userId }).onConflictDoNothing();
      })
      .onEvent<LearningMaterialsUrlWasGenerated>('LearningMaterialsUrlWasGenerated', async (event, tx) => {
        const { courseUserId, learningMaterialsId } = event.data;
        await readModelDatabaseOver(tx).insert(courseProgress).values({ courseUserId, learningMaterialsId }).onConflictDoNothing();
      })
      .onEvents<TaskWasCompleted | TaskWasUncompleted>(['TaskWasCompleted', 'TaskWasUncompleted'], (events, tx) => countTasks(events, tx))
      .onEvent<UserWasErased>('UserWasErased', async (event, tx) => {
        const db = readModelDatabaseOver(tx);
        const theirs = db
          .select({ courseUserId: courseProgressCourseUsers.courseUserId })
          .from(courseProgressCourseUsers)
          .where(eq(courseProgressCourseUsers.userId, event.data.userId));
        await db.delete(courseProgress).where(inArray(courseProgress.courseUserId, theirs));
        await db.delete(courseProgressCourseUsers).where(eq(courseProgressCourseUsers.userId, event.data.userId));
      })
      .build();
  }
}

/**
 * The task events of a page, counted with one statement however many there are: a transaction of
 * a few round trips keeps this read model, and every reader of the log, close behind the appends.
 * Each event counts once: only those above the row's last counted stream version (a redelivery is
 * not). Materials this read model does not know match no row. The count is kept from going below
 * zero once per page: the domain never uncompletes a task that is not completed, so in between it
 * cannot either.
 */
async function countTasks(events: readonly TaskEvent[], tx: SqlExecutor): Promise<void> {
  await tx.query(
    `update course_progress p
     set completed_tasks = greatest(p.completed_tasks + counted.change, 0), tasks_stream_version = counted.version
     from (
       select e.learning_materials_id, sum(e.change)::integer as change, max(e.version) as version
       from unnest($1::text[], $2::integer[], $3::integer[]) as e (learning_materials_id, change, version)
       join course_progress known on known.learning_materials_id = e.learning_materials_id and e.version > known.tasks_stream_version
       group by e.learning_materials_id
     ) counted
     where p.learning_materials_id = counted.learning_materials_id`,
    [
      events.map((event) => event.data.learningMaterialsId),
      events.map((event) => (event.type === 'TaskWasCompleted' ? 1 : -1)),
      events.map((event) => event.streamVersion),
    ],
    { preparedAs: 'course_progress_count_tasks' },
  );
}
