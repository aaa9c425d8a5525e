import { Module } from '@nestjs/common';
import { WhenUserRegistrationWasStartedThenRequestEmailConfirmation } from './when-user-registration-was-started-then-request-email-confirmation.automation';

@Module({ providers: [WhenUserRegistrationWasStartedThenRequestEmailConfirmation] })
export class WhenUserRegistrationWasStartedThenRequestEmailConfirmationAutomationModule {}
