import { Module } from '@nestjs/common';
import { ChangePasswordCommandHandler } from './application/change-password.command-handler';
import { CREDENTIALS_PORT } from './application/credentials.port';
import { AuthUsersCredentialsAdapter } from './infrastructure/auth-users.credentials-adapter';
import { PasswordChangeController } from './presentation/rest/password-change.controller';

@Module({
  controllers: [PasswordChangeController],
  providers: [ChangePasswordCommandHandler, { provide: CREDENTIALS_PORT, useClass: AuthUsersCredentialsAdapter }],
})
export class PasswordChangeWriteModule {}
