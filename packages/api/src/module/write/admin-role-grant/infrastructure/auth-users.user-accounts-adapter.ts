import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { authUsers } from '../../../read/shared/auth-users.table';
import type { UserAccountsPort } from '../application/user-accounts.port';

/** Answers from the accounts read model, which has a row per started registration and marks its confirmation. */
@Injectable()
export class AuthUsersUserAccountsAdapter implements UserAccountsPort {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  async canSignIn(userId: string): Promise<boolean> {
    const [account] = await this.database
      .select({ userId: authUsers.userId })
      .from(authUsers)
      .where(and(eq(authUsers.userId, userId), eq(authUsers.emailConfirmed, true)))
      .limit(1);
    return account !== undefined;
  }
}
