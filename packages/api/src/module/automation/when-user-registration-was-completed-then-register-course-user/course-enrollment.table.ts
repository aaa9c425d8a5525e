import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The automation's own memory, written in its subscription's transaction: the courses it has
 * seen (to pick the current edition without asking another slice) and the users who completed
 * registration while no course existed (enrolled in the next course created).
 */
export const courseEnrollmentCourses = pgTable('course_enrollment_courses', {
  courseId: text('course_id').primaryKey(),
  startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
});

export const courseEnrollmentWaitingUsers = pgTable('course_enrollment_waiting_users', {
  userId: text('user_id').primaryKey(),
  waitingSince: timestamp('waiting_since', { withTimezone: true, mode: 'date' }).notNull(),
});
