import { Module } from '@nestjs/common';
import { WhenEmailConfirmationWasApprovedThenCompleteUserRegistration } from './when-email-confirmation-was-approved-then-complete-user-registration.automation';

@Module({ providers: [WhenEmailConfirmationWasApprovedThenCompleteUserRegistration] })
export class WhenEmailConfirmationWasApprovedThenCompleteUserRegistrationAutomationModule {}
