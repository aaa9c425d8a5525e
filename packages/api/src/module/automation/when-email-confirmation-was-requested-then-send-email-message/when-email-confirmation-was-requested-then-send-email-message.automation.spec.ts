import { StreamName } from '@coderscamp/event-sourcing';
import { AutomationSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigModule } from '../../../shared/config/config.module';
import { loadAppConfig } from '../../../shared/config/load-app-config';
import { derivedId } from '../shared/derived-id';
import { confirmationEmail } from './confirmation-email';
import { WhenEmailConfirmationWasRequestedThenSendEmailMessage } from './when-email-confirmation-was-requested-then-send-email-message.automation';

const requested = (confirmationFor: string) => ({
  type: 'EmailConfirmationWasRequested',
  data: { userId: 'user-1', confirmationToken: 'user-1.s3cr3t', confirmationFor, emailAddress: 'jan@example.com' },
});

describe('when email confirmation was requested then send email message', () => {
  let spec: AutomationSpecification;
  beforeEach(async () => {
    spec = await AutomationSpecification.for({
      imports: [ConfigModule.forRoot(loadAppConfig({ APP_URL: 'https://app.example.com' })), WhenEmailConfirmationWasRequestedThenSendEmailMessage],
    });
  });
  afterEach(() => spec.close());

  it('when a registration confirmation was requested, then one mail with the APP_URL link goes to the address, its id derived from the event', async () => {
    await spec.whenEventsOccurred('EmailConfirmation_user-1_user-registration', [requested('user-registration')]);

    const [event] = (await spec.eventStore.readStream(StreamName.parse('EmailConfirmation_user-1_user-registration'))).events;
    spec.thenCommandsExecuted([
      {
        type: 'SendEmailMessage',
        data: {
          emailMessageId: derivedId(event!.id, 'email-confirmation-message'),
          userId: 'user-1',
          to: 'jan@example.com',
          ...confirmationEmail('https://app.example.com/confirm-email?token=user-1.s3cr3t'),
        },
      },
    ]);
    expect(spec.executedCommands[0]!.metadata).toMatchObject({ causationId: event!.id });
  });

  it('when a confirmation for another purpose was requested, or a mail was sent, then nothing is sent (no loop)', async () => {
    await spec.whenEventsOccurred('EmailConfirmation_user-1_email-change', [requested('email-change')]);
    await spec.whenEventsOccurred('EmailMessage_m-1', [
      { type: 'EmailMessageWasSent', data: { emailMessageId: 'm-1', userId: 'user-1', to: 'jan@example.com', subject: 's', text: 't', html: 'h', from: 'f' } },
    ]);

    spec.thenNoCommandExecuted();
  });
});
