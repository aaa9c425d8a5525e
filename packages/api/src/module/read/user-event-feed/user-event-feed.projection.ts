import { Inject, Injectable } from '@nestjs/common';
import { type ApplicationEvent, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlClient, SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { SQL_CLIENT } from '../../../shared/database/database-connection';
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
 * NOTIFY makes its transaction take a database-wide lock at commit, held through the WAL flush;
 * the notifications carry nothing worth that wait, so their own transaction commits asynchronously.
 */
const NOTIFY_USERS = `select set_config('synchronous_commit', 'off', true), pg_notify($1, user_id) from unnest($2::text[]) as user_id`;

/**
 * Writes, per user, the events the WebSocket channel pushes, and notifies every instance once the
 * rows (and the checkpoint) committed. Not inside that transaction: a NOTIFY there would make every
 * projection commit queue behind one lock. A user notified for rows that were then rolled back only
 * reads nothing new.
 */
@Injectable()
export class UserEventFeedProjection {
  private readonly usersToNotify = new Set<string>();

  constructor(
    subscriptionsFactory: EventsSubscriptionsFactory<SqlExecutor>,
    @Inject(SQL_CLIENT) private readonly sqlClient: SqlClient,
  ) {
    const appendToFeed = async <T extends UserEventFeedMessageType>(
      tx: SqlExecutor,
      userId: string,
      event: ApplicationEvent,
      type: T,
      data: UserEventFeedData<T>,
    ) => {
      if (await insertFeedEntry(tx, userId, event, type, data)) this.usersToNotify.add(userId);
    };
    const countTask = async (tx: SqlExecutor, event: TaskEvent, change: 1 | -1) => {
      const userId = await countTaskIntoFeed(tx, event, change);
      if (userId !== undefined) this.usersToNotify.add(userId);
    };
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
      .afterCommit(() => this.notifyUsers())
      .build();
  }

  private async notifyUsers(): Promise<void> {
    if (this.usersToNotify.size === 0) return;
    const users = [...this.usersToNotify];
    this.usersToNotify.clear();
    await this.sqlClient.query(NOTIFY_USERS, [USER_EVENT_FEED_CHANNEL, users]);
  }
}

/**
 * Counts the task in its materials and adds the feed entry carrying the new count, in one
 * statement, prepared once per connection (this runs for every task event). Returns the user to notify, or nothing for unknown
 * materials and for a redelivered event, which finds its entry there and counts nothing.
 */
async function countTaskIntoFeed(tx: SqlExecutor, event: TaskEvent, change: 1 | -1): Promise<string | undefined> {
  const { learningMaterialsId, taskId } = event.data;
  const dataWithoutCount: Omit<UserEventFeedData<TaskEvent['type']>, 'completedTasks'> = { learningMaterialsId, taskId };
  const { rows } = await tx.query<{ user_id: string }>(
    `with counted as (
       update user_event_feed_learning_materials set completed_tasks = greatest(completed_tasks + $2, 0)
       where learning_materials_id = $1 and not exists (select 1 from user_event_feed_entries where event_id = $3)
       returning user_id, completed_tasks)
     insert into user_event_feed_entries (event_id, user_id, type, occurred_at, data)
     select $3, user_id, $4, $5, $6::jsonb || jsonb_build_object('completedTasks', completed_tasks) from counted
     on conflict (event_id) do nothing
     returning user_id`,
    [learningMaterialsId, change, event.id, event.type, event.occurredAt, JSON.stringify(dataWithoutCount)],
    { preparedAs: 'user_event_feed_count_task' },
  );
  return rows[0]?.user_id;
}

/** True when the entry is new (a redelivered event finds it there already). */
async function insertFeedEntry<T extends UserEventFeedMessageType>(
  tx: SqlExecutor,
  userId: string,
  event: ApplicationEvent,
  type: T,
  data: UserEventFeedData<T>,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into user_event_feed_entries (event_id, user_id, type, occurred_at, data) values ($1, $2, $3, $4, $5)
     on conflict (event_id) do nothing`,
    [event.id, userId, type, event.occurredAt, JSON.stringify(data)],
  );
  return rowCount > 0;
}
