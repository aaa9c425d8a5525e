import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const courses = pgTable('courses', {
  courseId: text('course_id').primaryKey(),
  name: text('name').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
});
