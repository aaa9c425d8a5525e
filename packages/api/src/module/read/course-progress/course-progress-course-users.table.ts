import { index, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Whose course user each course user is, as this read model learnt it from the registrations: its
 * task counts name only the course user, and an erasure names only the user. Kept here rather than
 * read from the course participants' table, which drops the user on the same event: this read
 * model must find the user's progress whichever of the two handles the erasure first, and on a
 * rebuild of its own.
 */
export const courseProgressCourseUsers = pgTable(
  'course_progress_course_users',
  {
    courseUserId: text('course_user_id').primaryKey(),
    userId: text('user_id').notNull(),
  },
  (table) => [index('course_progress_course_users_user_id_idx').on(table.userId)],
);
