import { Inject, Injectable } from '@nestjs/common';
import { type ApplicationEvent, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlClient, SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { eq } from 'drizzle-orm';
import { SQL_CLIENT } from '../../../shared/database/database-connection';
import { readModelDatabaseOver, tableNamesOf } from '../../../shared/database/read-model-database';
import type { CourseUserWasRegistered } from '../../shared/events/course-user-was-registered.event';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import type { TaskWasCompleted } from '../../shared/events/task-was-completed.event';
import type { TaskWasUncompleted } from '../../shared/events/task-was-uncompleted.event';
import type { UserProfileWasChanged } from '../../shared/events/user-profile-was-changed.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import type { UserEventFeedData, UserEventFeedMessageType } from './user-event-feed.messages';
import { userEventFeedCourseUsers, userEventFeedEntries, userEventFeedLearningMaterials } from './user-event-feed.table';

export const USER_EVENT_FEED_SUBSCRIPTION_ID = 'UserEventFeedReadModel_v1';

/** Every instance LISTENs here; the payload is the user whose feed grew. */
export const USER_EVENT_FEED_CHANNEL = 'user_event_feed';

/** Every instance LISTENs here too; the payload is the user whose feed is gone (erased): their sockets close. */
export const USER_EVENT_FEED_CLOSED_CHANNEL = 'user_event_feed_closed';

type TaskEvent = ApplicationEvent<TaskWasCompleted> | ApplicationEvent<TaskWasUncompleted>;

/**
 * Those the feed tells are people, for whom 50 ms more goes unnoticed. Under a steady stream of task
 * completions it turns a page, a transaction and a NOTIFY per completion into one per 50 ms, the
 * machine's time going to what readers wait on (course progress after a completion) instead.
 */
const FEED_READ_INTERVAL_MS = 50;

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
  private readonly usersToDisconnect = new Set<string>();

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
    subscriptionsFactory
      .subscription(USER_EVENT_FEED_SUBSCRIPTION_ID)
      .withOptions({ minReadIntervalMs: FEED_READ_INTERVAL_MS })
      .ownsTables(...tableNamesOf(userEventFeedEntries, userEventFeedCourseUsers, userEventFeedLearningMaterials))
      .onInitialPosition(async (tx) => {
        // Positions keep growing across a rebuild (no RESTART IDENTITY), so no client skips a re-delivered entry.
        const db = readModelDatabaseOver(tx);
        await db.delete(userEventFeedEntries);
        await db.delete(userEventFeedCourseUsers);
        await db.delete(userEventFeedLearningMaterials);
      })
      .onEvent<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', async (event, tx) => {
        const { userId, fullName, emailAddress } = event.data;
        await appendToFeed(tx, userId, event, 'UserRegistrationWasCompleted', { userId, fullName, emailAddress });
      })
      .onEvent<UserProfileWasChanged>('UserProfileWasChanged', async (event, tx) => {
        const { userId, fullName, image } = event.data;
        await appendToFeed(tx, userId, event, 'UserProfileWasChanged', { userId, ...(fullName === undefined ? {} : { fullName }), ...(image === undefined ? {} : { image }) });
      })
      .onEvent<CourseUserWasRegistered>('CourseUserWasRegistered', async (event, tx) => {
        const { courseUserId, userId } = event.data;
        await readModelDatabaseOver(tx).insert(userEventFeedCourseUsers).values({ courseUserId, userId }).onConflictDoNothing();
      })
      .onEvent<LearningMaterialsUrlWasGenerated>('LearningMaterialsUrlWasGenerated', async (event, tx) => {
        const { learningMaterialsId, courseUserId, materialsUrl } = event.data;
        const db = readModelDatabaseOver(tx);
        const [courseUser] = await db
          .select({ userId: userEventFeedCourseUsers.userId })
          .from(userEventFeedCourseUsers)
          .where(eq(userEventFeedCourseUsers.courseUserId, courseUserId));
        if (courseUser === undefined) return;
        const { userId } = courseUser;
        await db.insert(userEventFeedLearningMaterials).values({ learningMaterialsId, userId }).onConflictDoNothing();
        await appendToFeed(tx, userId, event, 'LearningMaterialsUrlWasGenerated', { learningMaterialsId, courseUserId, materialsUrl });
      })
      .onEvents<TaskWasCompleted | TaskWasUncompleted>(['TaskWasCompleted', 'TaskWasUncompleted'], async (events, tx) => {
        for (const userId of await countTasksIntoFeed(tx, events)) this.usersToNotify.add(userId);
      })
      .onEvent<UserWasErased>('UserWasErased', async (event, tx) => {
        const { userId } = event.data;
        const db = readModelDatabaseOver(tx);
        await db.delete(userEventFeedEntries).where(eq(userEventFeedEntries.userId, userId));
        await db.delete(userEventFeedCourseUsers).where(eq(userEventFeedCourseUsers.userId, userId));
        await db.delete(userEventFeedLearningMaterials).where(eq(userEventFeedLearningMaterials.userId, userId));
        this.usersToDisconnect.add(userId);
      })
      .afterCommit(() => this.notifyUsers())
      .build();
  }

  private async notifyUsers(): Promise<void> {
    await this.notify(USER_EVENT_FEED_CHANNEL, this.usersToNotify);
    await this.notify(USER_EVENT_FEED_CLOSED_CHANNEL, this.usersToDisconnect);
  }

  private async notify(channel: string, users: Set<string>): Promise<void> {
    if (users.size === 0) return;
    const notified = [...users];
    users.clear();
    await this.sqlClient.query(NOTIFY_USERS, [channel, notified]);
  }
}

/**
 * The task events of a page, counted and fed with one statement however many there are: a
 * transaction of a few round trips keeps the feed, and every reader of the log, close behind the
 * appends. Each entry carries the count its event made (a running sum over the page, in log order);
 * the materials keep the last. Events fed already (a redelivery) and materials this feed does not
 * know are skipped. Counts are kept from going below zero entry by entry: the domain never
 * uncompletes a task that is not completed, so the running sum cannot dip below zero in between.
 * Returns the users whose feed grew.
 */
async function countTasksIntoFeed(tx: SqlExecutor, events: readonly TaskEvent[]): Promise<string[]> {
  const { rows } = await tx.query<{ user_id: string }>(
    `with event as (
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::integer[]) with ordinality
         as e (event_id, learning_materials_id, task_id, type, occurred_at, change, n)
     ),
     counted as (
       select event.*, materials.user_id,
              greatest(materials.completed_tasks + sum(event.change) over (partition by event.learning_materials_id order by event.n), 0) as completed_tasks
       from event join user_event_feed_learning_materials materials using (learning_materials_id)
       where not exists (select 1 from user_event_feed_entries fed where fed.event_id = event.event_id)
     ),
     kept as (
       update user_event_feed_learning_materials materials set completed_tasks = last.completed_tasks
       from (select distinct on (learning_materials_id) learning_materials_id, completed_tasks from counted order by learning_materials_id, n desc) last
       where materials.learning_materials_id = last.learning_materials_id
     )
     insert into user_event_feed_entries (event_id, user_id, type, occurred_at, data)
     -- The data of the TaskWasCompleted and TaskWasUncompleted messages (user-event-feed.messages.ts).
     select event_id, user_id, type, occurred_at,
            jsonb_build_object('learningMaterialsId', learning_materials_id, 'taskId', task_id, 'completedTasks', completed_tasks)
     from counted
     -- Positions follow the log.
     order by n
     on conflict (event_id) do nothing
     returning user_id`,
    [
      events.map((event) => event.id),
      events.map((event) => event.data.learningMaterialsId),
      events.map((event) => event.data.taskId),
      events.map((event) => event.type),
      events.map((event) => event.occurredAt),
      events.map((event) => (event.type === 'TaskWasCompleted' ? 1 : -1)),
    ],
    { preparedAs: 'user_event_feed_count_tasks' },
  );
  return [...new Set(rows.map((row) => row.user_id))];
}

/** True when the entry is new (a redelivered event finds it there already). */
async function insertFeedEntry<T extends UserEventFeedMessageType>(
  tx: SqlExecutor,
  userId: string,
  event: ApplicationEvent,
  type: T,
  data: UserEventFeedData<T>,
): Promise<boolean> {
  const inserted = await readModelDatabaseOver(tx)
    .insert(userEventFeedEntries)
    .values({ eventId: event.id, userId, type, occurredAt: event.occurredAt, data })
    .onConflictDoNothing({ target: userEventFeedEntries.eventId })
    .returning({ position: userEventFeedEntries.position });
  return inserted.length > 0;
}
