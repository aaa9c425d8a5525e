import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Counters of rate-limited requests, shared by every instance on the database. The columns are
 * the ones `rate-limiter-flexible`'s PostgreSQL store reads and writes: `key` is
 * `<policy>:<subject>`, `points` what was consumed in the window, `expire` when the window ends
 * (epoch milliseconds).
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});
