import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../database/read-model-database';
import { authUsers } from '../../module/read/shared/auth-users.table';
import type { UserRole } from './user-role';

/**
 * The role an account holds now, from the accounts read model: the role claim of a token is what
 * the account held at login, and a token outlives a revoked role or a deleted account.
 */
@Injectable()
export class RoleLookup {
  private readonly findRole;

  constructor(@Inject(READ_MODEL_DATABASE) database: ReadModelDatabase) {
    this.findRole = database
      .select({ role: authUsers.role })
      .from(authUsers)
      .where(eq(authUsers.userId, sql.placeholder('userId')))
      .limit(1)
      .prepare('find_auth_user_role');
  }

  /** Undefined for an account that does not exist. */
  async roleOf(userId: string): Promise<UserRole | undefined> {
    const [account] = await this.findRole.execute({ userId });
    return account?.role;
  }
}
