import { StreamName } from '@coderscamp/event-sourcing';
import { AutomationSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivedSecret } from '../shared/derived-id';
import { WhenUserRegistrationWasStartedThenRequestEmailConfirmation } from './when-user-registration-was-started-then-request-email-confirmation.automation';

const started = { userId: 'user-1', fullName: 'Jan', emailAddress: 'jan@example.com', hashedPassword: 'scrypt$hash' };

describe('when user registration was started then request email confirmation', () => {
  let spec: AutomationSpecification;
  beforeEach(async () => {
    spec = await AutomationSpecification.for({ imports: [WhenUserRegistrationWasStartedThenRequestEmailConfirmation] });
  });
  afterEach(() => spec.close());

  it('when a registration started, then exactly one confirmation for user-registration is requested, its token derived from the event', async () => {
    await spec.whenEventsOccurred('UserRegistration_user-1', [{ type: 'UserRegistrationWasStarted', data: started }]);

    const [event] = (await spec.eventStore.readStream(StreamName.parse('UserRegistration_user-1'))).events;
    spec.thenCommandsExecuted([
      {
        type: 'RequestEmailConfirmation',
        data: {
          userId: 'user-1',
          confirmationToken: `user-1.${derivedSecret(event!.id, 'email-confirmation-token')}`,
          confirmationFor: 'user-registration',
          emailAddress: 'jan@example.com',
        },
      },
    ]);
    expect(spec.executedCommands[0]!.metadata).toMatchObject({ correlationId: event!.metadata.correlationId, causationId: event!.id });
  });

  it('when the registration completes or the confirmation is requested/approved, then nothing more is requested (no loop)', async () => {
    const confirmation = { userId: 'user-1', confirmationToken: 'user-1.t', confirmationFor: 'user-registration', emailAddress: 'jan@example.com' };
    await spec.whenEventsOccurred('EmailConfirmation_user-1_user-registration', [
      { type: 'EmailConfirmationWasRequested', data: confirmation },
      { type: 'EmailConfirmationWasApproved', data: confirmation },
    ]);
    await spec.whenEventsOccurred('UserRegistration_user-1', [{ type: 'UserRegistrationWasCompleted', data: started }]);

    spec.thenNoCommandExecuted();
  });
});
