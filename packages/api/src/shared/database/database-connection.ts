import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/** Injection token of the app's one database connection (`DatabaseConnection`). */
export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

/** Both speak PostgreSQL; they differ in how connections and transactions are obtained. */
export type DatabaseConnection = Readonly<{ kind: 'postgres'; pool: Pool }> | Readonly<{ kind: 'pglite'; db: PGlite }>;
