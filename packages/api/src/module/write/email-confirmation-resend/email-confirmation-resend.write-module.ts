import { Module } from '@nestjs/common';
import { UNCONFIRMED_REGISTRATIONS_PORT } from './application/unconfirmed-registrations.port';
import { AuthUsersUnconfirmedRegistrationsAdapter } from './infrastructure/auth-users.unconfirmed-registrations-adapter';
import { EmailConfirmationResendController } from './presentation/rest/email-confirmation-resend.controller';

/**
 * An endpoint without a stream of its own: it looks the registration up in the accounts read model and
 * sends the shared RequestEmailConfirmation command, which module/write/email-confirmation decides.
 */
@Module({
  controllers: [EmailConfirmationResendController],
  providers: [{ provide: UNCONFIRMED_REGISTRATIONS_PORT, useClass: AuthUsersUnconfirmedRegistrationsAdapter }],
})
export class EmailConfirmationResendWriteModule {}
