import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every course edition, as created. Projected by module/read/courses; published here because the
 * administrators' participants list (module/read/user-profile) names each participant's course.
 */
export const courses = pgTable('courses', {
  courseId: text('course_id').primaryKey(),
  name: text('name').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
});
