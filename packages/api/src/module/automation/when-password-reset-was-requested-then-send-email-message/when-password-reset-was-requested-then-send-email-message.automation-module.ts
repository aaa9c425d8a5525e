import { Module } from '@nestjs/common';
import { JwtSigningSecretModule } from '../../../shared/auth/jwt-signing-secret.module';
import { WhenPasswordResetWasRequestedThenSendEmailMessage } from './when-password-reset-was-requested-then-send-email-message.automation';

/** The server key rebuilds each link's secret. */
@Module({ imports: [JwtSigningSecretModule], providers: [WhenPasswordResetWasRequestedThenSendEmailMessage] })
export class WhenPasswordResetWasRequestedThenSendEmailMessageAutomationModule {}
