import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { normalizedEmailAddress } from '../../../shared/email-address';
import { authUsers } from '../../../read/shared/auth-users.table';
import type { UnconfirmedRegistration, UnconfirmedRegistrationsPort } from '../application/unconfirmed-registrations.port';

/** Answers from the accounts read model, which has a row per started registration and marks its confirmation. */
@Injectable()
export class AuthUsersUnconfirmedRegistrationsAdapter implements UnconfirmedRegistrationsPort {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  async unconfirmedRegistrationWith(emailAddress: string): Promise<UnconfirmedRegistration | undefined> {
    const [registration] = await this.database
      .select({ userId: authUsers.userId, emailAddress: authUsers.emailAddress })
      .from(authUsers)
      .where(and(eq(authUsers.emailAddress, normalizedEmailAddress(emailAddress)), eq(authUsers.emailConfirmed, false)))
      .limit(1);
    return registration;
  }
}
