import { check, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * The signing secret generated when JWT_SECRET is unset and the app runs on a PostgreSQL server:
 * one row, so every instance on the database signs and verifies with the same secret.
 */
export const jwtSigningSecrets = pgTable(
  'jwt_signing_secret',
  {
    id: smallint('id').primaryKey(),
    secret: text('secret').notNull(),
  },
  (table) => [check('jwt_signing_secret_single_row', sql`${table.id} = 1`)],
);
