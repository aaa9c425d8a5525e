import { Module } from '@nestjs/common';
import { JwtSigningSecretModule } from '../../../shared/auth/jwt-signing-secret.module';
import { ACCOUNTS_PORT } from './application/accounts.port';
import { ConfirmPasswordResetCommandHandler } from './application/confirm-password-reset.command-handler';
import { PASSWORD_HASHER } from './application/password-hasher.port';
import { RequestPasswordResetCommandHandler } from './application/request-password-reset.command-handler';
import { AuthUsersAccountsAdapter } from './infrastructure/auth-users.accounts-adapter';
import { ScryptPasswordHasher } from './infrastructure/scrypt.password-hasher-adapter';
import { PasswordResetConfirmationController } from './presentation/rest/password-reset-confirmation.controller';
import { PasswordResetRequestController } from './presentation/rest/password-reset-request.controller';

/** The server key derives each link's secret. */
@Module({
  imports: [JwtSigningSecretModule],
  controllers: [PasswordResetConfirmationController, PasswordResetRequestController],
  providers: [
    RequestPasswordResetCommandHandler,
    ConfirmPasswordResetCommandHandler,
    { provide: PASSWORD_HASHER, useClass: ScryptPasswordHasher },
    { provide: ACCOUNTS_PORT, useClass: AuthUsersAccountsAdapter },
  ],
})
export class PasswordResetWriteModule {}
