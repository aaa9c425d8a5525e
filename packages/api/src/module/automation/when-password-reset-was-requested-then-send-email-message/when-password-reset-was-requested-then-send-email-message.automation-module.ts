import { Module } from '@nestjs/common';
import { WhenPasswordResetWasRequestedThenSendEmailMessage } from './when-password-reset-was-requested-then-send-email-message.automation';

@Module({ providers: [WhenPasswordResetWasRequestedThenSendEmailMessage] })
export class WhenPasswordResetWasRequestedThenSendEmailMessageModule {}
