import { Module } from '@nestjs/common';
import { AuthUsersProjection } from './auth-users.projection';
import { EmailConfirmationResendRestController } from './email-confirmation-resend.rest-controller';

/** Its table (module/read/shared) serves login, the password change and the roles guard. */
@Module({ controllers: [EmailConfirmationResendRestController], providers: [AuthUsersProjection] })
export class AuthUsersReadModule {}
