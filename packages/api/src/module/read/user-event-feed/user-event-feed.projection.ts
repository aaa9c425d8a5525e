import { Injectable } from '@nestjs/common';
import { type ApplicationEvent, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import type { TaskWasCompleted } from '../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../shared/events/task-was-uncompleted.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import type { UserEventFeedData, UserEventFeedMessageType } from './user-event-feed.messages';

export const USER_EVENT_FEED_SUBSCRIPTION_ID = 'UserEventFeed_ReadModel_v1';

/** Every instance LISTENs here; the payload is the user whose feed grew. */
export const USER_EVENT_FEED_CHANNEL = 'user_event_feed';

type TaskEvent = ApplicationEvent<TaskWasCompleted> | ApplicationEvent<TaskWasUncompleted>;

/**
 * Writes, per user, the events the WebSocket channel pushes, and notifies every instance in the
 * same transaction: a notification is delivered only if its rows (and the checkpoint) committed.
 */
@Injectable()
export class UserEventFeedProjection {
  constructor(subscriptionsFactory: EventsSubscriptionsFactory<SqlExecutor>) {
    subscriptionsFactory
      .subscription(USER_EVENT_FEED_SUBSCRIPTION_ID)
      .onInitialPosition(async (tx) => {
        // Positions keep growing across a rebuild (no RESTART IDENTITY), so no client skips a re-delivered entry.
        await tx.query('delete from user_event_feed_entries');
        await tx.query('delete from user_event_feed_course_users');
        await tx.query('delete from user_event_feed_learning_materials');
      })
      .onEvent<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', async (event, tx) => {
        const { userId, fullName, emailAddress } = event.data;
        await appendToFeed(tx, userId, event, 'UserRegistrationWasCompleted', { userId, fullName, emailAddress });
      })
      .onEvent<CourseUserWasRegistered>('CourseUserWasRegistered', async (event, tx) => {
        await tx.query(
          'insert into user_event_feed_course_users (course_user_id, user_id) values ($1, $2) on conflict do nothing',
          [event.data.courseUserId, event.data.userId],
        );
      })
      .onEvent<LearningMaterialsUrlWasGenerated>('LearningMaterialsUrlWasGenerated', async (event, tx) => {
        const { learningMaterialsId, courseUserId, materialsUrl } = event.data;
        const { rows } = await tx.query<{ user_id: string }>('select user_id from user_event_feed_course_users where course_user_id = $1', [
          courseUserId,
        ]);
        const userId = rows[0]?.user_id;
        if (userId === undefined) return;
        await tx.query(
          'insert into user_event_feed_learning_materials (learning_materials_id, user_id) values ($1, $2) on conflict do nothing',
          [learningMaterialsId, userId],
        );
        await appendToFeed(tx, userId, event, 'LearningMaterialsUrlWasGenerated', { learningMaterialsId, courseUserId, materialsUrl });
      })
      .onEvent<TaskWasCompleted>('TaskWasCompleted', (event, tx) => countTask(tx, event, +1))
      .onEvent<TaskWasUncompleted>('TaskWasUncompleted', (event, tx) => countTask(tx, event, -1))
      .build();
  }
}

async function countTask(tx: SqlExecutor, event: TaskEvent, change: 1 | -1): Promise<void> {
  const { learningMaterialsId, taskId } = event.data;
  // Guarded on the feed entry, so a redelivered event does not count twice.
  const { rows } = await tx.query<{ user_id: string; completed_tasks: number }>(
    `update user_event_feed_learning_materials set completed_tasks = greatest(completed_tasks + $2, 0)
     where learning_materials_id = $1 and not exists (select 1 from user_event_feed_entries where event_id = $3)
     returning user_id, completed_tasks`,
    [learningMaterialsId, change, event.id],
  );
  const row = rows[0];
  if (row === undefined) return;
  await appendToFeed(tx, row.user_id, event, event.type, { learningMaterialsId, taskId, completedTasks: row.completed_tasks });
}

async function appendToFeed<T extends UserEventFeedMessageType>(
  tx: SqlExecutor,
  userId: string,
  event: ApplicationEvent,
  type: T,
  data: UserEventFeedData<T>,
): Promise<void> {
  const { rowCount } = await tx.query(
    `insert into user_event_feed_entries (event_id, user_id, type, occurred_at, data) values ($1, $2, $3, $4, $5)
     on conflict (event_id) do nothing`,
    [event.id, userId, type, event.occurredAt, JSON.stringify(data)],
  );
  if (rowCount > 0) await tx.query('select pg_notify($1, $2)', [USER_EVENT_FEED_CHANNEL, userId]);
}
