import { Module } from '@nestjs/common';
import { WhenEmailConfirmationWasRequestedThenSendEmailMessage } from './when-email-confirmation-was-requested-then-send-email-message.automation';

@Module({ providers: [WhenEmailConfirmationWasRequestedThenSendEmailMessage] })
export class WhenEmailConfirmationWasRequestedThenSendEmailMessageAutomationModule {}
