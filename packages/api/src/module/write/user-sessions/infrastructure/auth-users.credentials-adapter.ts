import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { normalizedEmailAddress } from '../../../shared/email-address';
import { authUsers } from '../../../read/shared/auth-users.table';
import type { Credentials, CredentialsPort } from '../application/credentials.port';

/** Answers from the accounts read model, which follows registrations, confirmations, roles and password changes. */
@Injectable()
export class AuthUsersCredentialsAdapter implements CredentialsPort {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  async findByEmail(emailAddress: string): Promise<Credentials | undefined> {
    const [account] = await this.database
      .select({ userId: authUsers.userId, hashedPassword: authUsers.hashedPassword, role: authUsers.role, emailConfirmed: authUsers.emailConfirmed })
      .from(authUsers)
      .where(eq(authUsers.emailAddress, normalizedEmailAddress(emailAddress)))
      .limit(1);
    return account;
  }
}
