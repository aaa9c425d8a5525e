import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per completed registration: what a user sees of themselves and admins see of everyone. */
export const userProfiles = pgTable(
  'user_profiles',
  {
    userId: text('user_id').primaryKey(),
    fullName: text('full_name').notNull(),
    emailAddress: text('email_address').notNull(),
    image: text('image'),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('user_profiles_registered_at').on(table.registeredAt, table.userId)],
);
