import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import { eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { normalizedEmailAddress } from '../../../shared/email-address';
import { authUsers } from '../../../read/shared/auth-users.table';
import { AUTH_USERS_SUBSCRIPTION_ID } from '../../../read/shared/read-model-subscription-ids';
import { ReadModelCatchUp } from '../../shared/read-model-catch-up';
import type { Account, AccountsPort } from '../application/accounts.port';

/** Answers from the accounts read model, which has a row per started registration. */
@Injectable()
export class AuthUsersAccountsAdapter implements AccountsPort {
  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly readModelCatchUp: ReadModelCatchUp,
  ) {}

  async findByEmail(emailAddress: string): Promise<Account | undefined> {
    const [account] = await this.database
      .select({ userId: authUsers.userId, emailConfirmed: authUsers.emailConfirmed })
      .from(authUsers)
      .where(eq(authUsers.emailAddress, normalizedEmailAddress(emailAddress)))
      .limit(1);
    return account;
  }

  async findByEmailOnceCaughtUp(emailAddress: string): Promise<Account | undefined> {
    await this.readModelCatchUp.waitFor([AUTH_USERS_SUBSCRIPTION_ID], await this.eventStore.endOfLog());
    return this.findByEmail(emailAddress);
  }
}
