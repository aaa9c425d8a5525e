import { StreamName } from '@coderscamp/event-sourcing';
import { AutomationSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePasswordResetToken, passwordResetSecret, passwordResetSecretHash } from '../../shared/password-reset-token';
import { ConfigModule } from '../../../shared/config/config.module';
import { loadAppConfig } from '../../../shared/config/load-app-config';
import { derivedId } from '../shared/derived-id';
import { passwordResetEmail } from './password-reset-email';
import { WhenPasswordResetWasRequestedThenSendEmailMessage } from './when-password-reset-was-requested-then-send-email-message.automation';

const SERVER_KEY = 'automation-spec-secret-that-is-long-enough';
const secret = passwordResetSecret(SERVER_KEY, 'reset-1');
const requested = {
  type: 'PasswordResetWasRequested',
  data: { userId: 'user-1', resetId: 'reset-1', emailAddress: 'jan@example.com', secretHash: passwordResetSecretHash(secret), expiresAt: '2026-01-01T00:30:00.000Z' },
};

describe('when password reset was requested then send email message', () => {
  let spec: AutomationSpecification;
  beforeEach(async () => {
    spec = await AutomationSpecification.for({
      imports: [
        ConfigModule.forRoot(loadAppConfig({ APP_URL: 'https://app.example.com', JWT_SECRET: SERVER_KEY })),
        WhenPasswordResetWasRequestedThenSendEmailMessage,
      ],
    });
  });
  afterEach(() => spec.close());

  it('when a reset was requested, then one mail with the APP_URL link goes to the address, its token matching the stored hash, its id derived from the event', async () => {
    await spec.whenEventsOccurred('PasswordReset_user-1', [requested]);

    const [event] = (await spec.eventStore.readStream(StreamName.parse('PasswordReset_user-1'))).events;
    spec.thenCommandsExecuted([
      {
        type: 'SendEmailMessage',
        data: {
          emailMessageId: derivedId(event!.id, 'password-reset-message'),
          userId: 'user-1',
          to: 'jan@example.com',
          ...passwordResetEmail(`https://app.example.com/reset-password?token=user-1.${secret}`),
        },
      },
    ]);
    expect(spec.executedCommands[0]!.metadata).toMatchObject({ causationId: event!.id });
    const token = parsePasswordResetToken(`user-1.${secret}`)!;
    expect(passwordResetSecretHash(token.secret)).toBe(requested.data.secretHash);
  });

  it('when the password was reset, then nothing is sent', async () => {
    await spec.whenEventsOccurred('PasswordReset_user-1', [{ type: 'PasswordWasReset', data: { userId: 'user-1', hashedPassword: 'hash' } }]);

    spec.thenNoCommandExecuted();
  });
});
