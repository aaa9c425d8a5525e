import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { normalizedEmailAddress } from '../../../shared/email-address';
import { authUsers } from '../../../read/shared/auth-users.table';
import type { Account, AccountsPort } from '../application/accounts.port';

/** Answers from the accounts read model, which keeps every account's normalized address. */
@Injectable()
export class AuthUsersAccountsAdapter implements AccountsPort {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  async accountWith(emailAddress: string): Promise<Account | undefined> {
    const [account] = await this.database
      .select({ userId: authUsers.userId, emailAddress: authUsers.emailAddress })
      .from(authUsers)
      .where(eq(authUsers.emailAddress, normalizedEmailAddress(emailAddress)))
      .limit(1);
    return account;
  }
}
