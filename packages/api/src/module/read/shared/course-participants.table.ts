import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';

/** The subscription that fills these tables: a subscription reading them declares `readsFrom` it, to wait until they have caught up. */
export const COURSE_PARTICIPANTS_SUBSCRIPTION_ID = 'CourseParticipantsReadModel_v1';

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

/** Users whose registration was completed; a course user without a row here has no account yet. */
export const courseParticipantAccounts = pgTable('course_participant_accounts', {
  userId: text('user_id').primaryKey(),
  fullName: text('full_name').notNull(),
  emailAddress: text('email_address').notNull(),
});
