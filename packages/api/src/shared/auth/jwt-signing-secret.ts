import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { IN_MEMORY_PGLITE } from '../database/open-database-connection';
import type { ReadModelDatabase } from '../database/read-model-database';
import { jwtSigningSecrets } from './jwt-signing-secret.table';

/** Injection token of the `JwtSigningSecret` the app signs and verifies access tokens with. */
export const JWT_SIGNING_SECRET = Symbol('JWT_SIGNING_SECRET');

/** The secret, and where it came from, so start-up can say so (never the secret itself). */
export type JwtSigningSecret = Readonly<{ value: string; origin: string }>;

/** Name of the file in DATA_DIR that keeps the generated secret of the embedded database. */
export const JWT_SECRET_FILE_NAME = 'jwt-secret';

const GENERATED_SECRET_BYTES = 32;
const SINGLE_ROW_ID = 1;

/**
 * JWT_SECRET when set. Otherwise (never in production: configuration refuses that) a random
 * secret generated once and kept with the data, so tokens survive a restart: in a file of
 * DATA_DIR for the embedded database, in the database for a PostgreSQL server. Nothing that
 * can sign a token is written in the repository.
 */
export async function resolveJwtSigningSecret(config: AppConfig, db: ReadModelDatabase | undefined): Promise<JwtSigningSecret> {
  if (config.jwt.secret !== undefined) return { value: config.jwt.secret, origin: 'JWT_SECRET' };
  if (config.database.kind === 'postgres') {
    if (db === undefined) throw new Error('Without JWT_SECRET, the signing secret is kept in the database, and there is none');
    return secretKeptInDatabase(db);
  }
  if (config.database.dataDir.startsWith(IN_MEMORY_PGLITE)) {
    return { value: generateSecret(), origin: 'generated for this process only (DATA_DIR is in memory)' };
  }
  return secretKeptInFile(join(config.database.dataDir, JWT_SECRET_FILE_NAME));
}

function generateSecret(): string {
  return randomBytes(GENERATED_SECRET_BYTES).toString('base64url');
}

// Inserted only if absent, then read back: instances starting together all end up with the first one's.
async function secretKeptInDatabase(db: ReadModelDatabase): Promise<JwtSigningSecret> {
  const candidate = generateSecret();
  await db.insert(jwtSigningSecrets).values({ id: SINGLE_ROW_ID, secret: candidate }).onConflictDoNothing();
  const [row] = await db.select({ secret: jwtSigningSecrets.secret }).from(jwtSigningSecrets);
  if (row === undefined) throw new Error('The JWT signing secret row vanished right after it was inserted');
  return {
    value: row.secret,
    origin: row.secret === candidate ? 'generated and stored in the database' : 'generated earlier, read from the database',
  };
}

async function secretKeptInFile(path: string): Promise<JwtSigningSecret> {
  const candidate = generateSecret();
  try {
    // `wx`: only the first start creates it; readable by the owner alone, as it can sign any token.
    await writeFile(path, candidate, { mode: 0o600, flag: 'wx' });
    return { value: candidate, origin: `generated and stored in ${path}` };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = (await readFile(path, 'utf8')).trim();
  if (stored.length < GENERATED_SECRET_BYTES) {
    throw new Error(`${path} holds no usable JWT signing secret: delete it to generate a new one, or set JWT_SECRET`);
  }
  return { value: stored, origin: `generated earlier, read from ${path}` };
}
