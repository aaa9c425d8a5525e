import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { authUsers } from '../../../read/shared/auth-users.table';
import type { CredentialsPort } from '../application/credentials.port';

/** Answers from the accounts read model, which takes every new password's hash. */
@Injectable()
export class AuthUsersCredentialsAdapter implements CredentialsPort {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  async hashedPasswordOf(userId: string): Promise<string | undefined> {
    const [account] = await this.database.select({ hashedPassword: authUsers.hashedPassword }).from(authUsers).where(eq(authUsers.userId, userId)).limit(1);
    return account?.hashedPassword;
  }
}
