import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per session ever started; `endedAt` set once it ended (logout, ended from another session,
 * password changed or reset). Projected by module/read/user-sessions; published here because the
 * access-token check (shared/auth) looks every authenticated request's session up in it, and login
 * and logout wait for their session's row. `lastSeenAt` is telemetry, moved by the token check
 * without an event, at most once a minute per session.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    userId: text('user_id').notNull(),
    userAgent: text('user_agent'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [index('user_sessions_user_id_idx').on(table.userId)],
);

export type UserSession = typeof userSessions.$inferSelect;
