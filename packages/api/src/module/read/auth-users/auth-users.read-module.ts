import { Module } from '@nestjs/common';
import { AuthUsersProjection } from './auth-users.projection';
import { AuthUsersRestController } from './auth-users.rest-controller';
import { EmailConfirmationResendRestController } from './email-confirmation-resend.rest-controller';
import { PasswordResetRequestRestController } from './password-reset-request.rest-controller';

@Module({
  controllers: [AuthUsersRestController, EmailConfirmationResendRestController, PasswordResetRequestRestController],
  providers: [AuthUsersProjection],
})
export class AuthUsersReadModule {}
