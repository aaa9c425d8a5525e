import { Module } from '@nestjs/common';
import { AuthUsersProjection } from './auth-users.projection';
import { EmailConfirmationResendRestController } from './email-confirmation-resend.rest-controller';
import { PasswordResetRequestRestController } from './password-reset-request.rest-controller';

/** Its table (module/read/shared) serves login, the password change and the roles guard. */
@Module({
  controllers: [EmailConfirmationResendRestController, PasswordResetRequestRestController],
  providers: [AuthUsersProjection],
})
export class AuthUsersReadModule {}
