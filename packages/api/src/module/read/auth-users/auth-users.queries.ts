import { eq } from 'drizzle-orm';
import { normalizedEmailAddress } from '../../shared/email-address';
import type { ReadModelDatabase } from '../../../shared/database/read-model-database';
import { authUsers, type AuthUser } from '../shared/auth-users.table';

/** The account registered with this address (compared case-insensitively), if any. */
export async function findAuthUserByEmail(database: ReadModelDatabase, emailAddress: string): Promise<AuthUser | undefined> {
  const [user] = await database
    .select()
    .from(authUsers)
    .where(eq(authUsers.emailAddress, normalizedEmailAddress(emailAddress)))
    .limit(1);
  return user;
}
