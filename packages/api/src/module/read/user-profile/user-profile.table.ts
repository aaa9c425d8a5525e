import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per user: what a user sees of themselves and admins see of everyone. A row is a profile
 * once `registered_at` is set (registration completed); a profile change that arrives first creates
 * the row with the changed fields only. Each `*_version` is the stream version of the event that
 * set the field: a field takes a value only from a newer event, whatever order events arrive in.
 */
export const userProfiles = pgTable(
  'user_profiles',
  {
    userId: text('user_id').primaryKey(),
    fullName: text('full_name'),
    fullNameVersion: integer('full_name_version').notNull().default(0),
    emailAddress: text('email_address'),
    image: text('image'),
    imageVersion: integer('image_version').notNull().default(0),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('user_profiles_registered_at').on(table.registeredAt, table.userId)],
);
