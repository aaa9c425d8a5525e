import { AutomationSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { WhenEmailConfirmationWasApprovedThenCompleteUserRegistration } from './when-email-confirmation-was-approved-then-complete-user-registration.automation';

const approved = (confirmationFor: string) => ({
  type: 'EmailConfirmationWasApproved',
  data: { userId: 'user-1', confirmationToken: 'user-1.t', confirmationFor, emailAddress: 'jan@example.com' },
});

describe('when email confirmation was approved then complete user registration', () => {
  let spec: AutomationSpecification;
  beforeEach(async () => {
    spec = await AutomationSpecification.for({ imports: [WhenEmailConfirmationWasApprovedThenCompleteUserRegistration] });
  });
  afterEach(() => spec.close());

  it('when the registration confirmation was approved, then the registration of that user is completed', async () => {
    await spec.whenEventsOccurred('EmailConfirmation_user-1_user-registration', [approved('user-registration')]);

    spec.thenCommandsExecuted([{ type: 'CompleteUserRegistration', data: { userId: 'user-1' } }]);
  });

  it('when another confirmation was approved, or the registration completed, then nothing is issued (no loop)', async () => {
    await spec.whenEventsOccurred('EmailConfirmation_user-1_email-change', [approved('email-change')]);
    await spec.whenEventsOccurred('UserRegistration_user-1', [
      { type: 'UserRegistrationWasCompleted', data: { userId: 'user-1', fullName: 'Jan', emailAddress: 'jan@example.com', hashedPassword: 'h' } },
    ]);

    spec.thenNoCommandExecuted();
  });
});
