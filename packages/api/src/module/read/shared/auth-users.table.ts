import { boolean, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { UserRole } from '../../../shared/auth/user-role';

/**
 * What login needs, one row per started registration: the normalized address it looks users up
 * by, the password hash, the role the token carries and whether the address was confirmed.
 * Published here because login (module/write/user-sessions), the password change and the roles
 * guard read it; module/read/auth-users projects it.
 */
export const authUsers = pgTable(
  'auth_users',
  {
    userId: text('user_id').primaryKey(),
    emailAddress: text('email_address').notNull(),
    hashedPassword: text('hashed_password').notNull(),
    role: text('role').$type<UserRole>().notNull().default('user'),
    emailConfirmed: boolean('email_confirmed').notNull().default(false),
  },
  (table) => [uniqueIndex('auth_users_email_address_unique').on(table.emailAddress)],
);

export type AuthUser = typeof authUsers.$inferSelect;
