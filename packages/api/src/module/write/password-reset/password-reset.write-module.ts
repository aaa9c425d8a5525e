import { Module } from '@nestjs/common';
import { JwtSigningSecretModule } from '../../../shared/auth/jwt-signing-secret.module';
import { ConfirmPasswordResetCommandHandler } from './application/confirm-password-reset.command-handler';
import { PASSWORD_HASHER } from './application/password-hasher.port';
import { RequestPasswordResetCommandHandler } from './application/request-password-reset.command-handler';
import { ScryptPasswordHasher } from './infrastructure/scrypt.password-hasher-adapter';
import { PasswordResetConfirmationController } from './presentation/rest/password-reset-confirmation.controller';

/** The server key derives each link's secret. */
@Module({
  imports: [JwtSigningSecretModule],
  controllers: [PasswordResetConfirmationController],
  providers: [RequestPasswordResetCommandHandler, ConfirmPasswordResetCommandHandler, { provide: PASSWORD_HASHER, useClass: ScryptPasswordHasher }],
})
export class PasswordResetWriteModule {}
