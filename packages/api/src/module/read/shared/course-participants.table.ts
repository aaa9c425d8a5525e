import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Who takes part in which course, and under which name and address: what write slices' ports and
 * automations need about a course user. Published here, like events in module/shared, because slices
 * other than its projection (module/read/course-participants) query it.
 */
export const courseParticipants = pgTable(
  'course_participants',
  {
    courseUserId: text('course_user_id').primaryKey(),
    userId: text('user_id').notNull(),
    courseId: text('course_id').notNull(),
    /** Global position of the registration: a user's latest course is the one registered last. */
    registeredAt: bigint('registered_at', { mode: 'bigint' }).notNull(),
  },
  (table) => [index('course_participants_user_id_idx').on(table.userId)],
);

/**
 * Users whose registration was completed: a course user without a row here, or with a row whose
 * `email_address` is null (a profile change that arrived before the completion), has no account yet.
 * `full_name_version` is the stream version of the event that set the name: only a newer one replaces it.
 */
export const courseParticipantAccounts = pgTable('course_participant_accounts', {
  userId: text('user_id').primaryKey(),
  fullName: text('full_name'),
  fullNameVersion: integer('full_name_version').notNull().default(0),
  emailAddress: text('email_address'),
});
