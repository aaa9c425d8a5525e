import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * What each user is told about, in order. `position` is what a reconnecting client resumes from;
 * one subscription instance writes the table, in log order, so positions commit in increasing order
 * and follow the log (feedPositionReflecting relies on both: the subscription must stay unpartitioned).
 */
export const userEventFeedEntries = pgTable(
  'user_event_feed_entries',
  {
    position: bigserial('position', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull().unique(),
    userId: text('user_id').notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    data: jsonb('data').notNull(),
  },
  (table) => [index('user_event_feed_entries_user_position_idx').on(table.userId, table.position)],
);

/** Whose course user is whose: learning-materials events name only the course user. */
export const userEventFeedCourseUsers = pgTable('user_event_feed_course_users', {
  courseUserId: text('course_user_id').primaryKey(),
  userId: text('user_id').notNull(),
});

/** Whose learning materials are whose, and how many of their tasks are completed now. */
export const userEventFeedLearningMaterials = pgTable('user_event_feed_learning_materials', {
  learningMaterialsId: text('learning_materials_id').primaryKey(),
  userId: text('user_id').notNull(),
  completedTasks: integer('completed_tasks').notNull().default(0),
});
