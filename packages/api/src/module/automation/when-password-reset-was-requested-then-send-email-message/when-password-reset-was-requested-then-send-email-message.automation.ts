import { isErased } from '@coderscamp/event-sourcing';
import { automation, dependency } from '@coderscamp/event-sourcing/nestjs';
import { SendEmailMessageApplicationCommand } from '../../shared/commands/send-email-message.command';
import { RuleCode } from '../../shared/errors/rule-codes';
import type { PasswordResetWasRequested } from '../../shared/events/password-reset-was-requested.event';
import { passwordResetSecret, passwordResetToken } from '../../shared/password-reset-token';
import { JWT_SIGNING_SECRET, type JwtSigningSecret } from '../../../shared/auth/jwt-signing-secret';
import { JwtSigningSecretModule } from '../../../shared/auth/jwt-signing-secret.module';
import { AppUrl } from '../../../shared/config/app-url';
import { derivedId } from '../shared/derived-id';
import { passwordResetEmail, passwordResetLink } from './password-reset-email';

/** Rebuilds the link's secret from the request id and the server key: the event holds only its hash. */
export const WhenPasswordResetWasRequestedThenSendEmailMessage = automation('when-password-reset-was-requested-then-send-email-message')
  .imports(JwtSigningSecretModule)
  .inject({ serverKey: dependency<JwtSigningSecret>(JWT_SIGNING_SECRET), appUrl: AppUrl })
  .on<PasswordResetWasRequested>('PasswordResetWasRequested', async (event, { send, serverKey, appUrl }) => {
    const { userId, resetId, emailAddress } = event.data;
    // The user was erased before their mail went out: there is no one left to write to.
    if (isErased(emailAddress)) return;
    const token = passwordResetToken(userId, passwordResetSecret(serverKey.value, resetId));
    const mail = passwordResetEmail(passwordResetLink(await appUrl.resolve(), token));
    await send({
      class: SendEmailMessageApplicationCommand,
      type: 'SendEmailMessage',
      data: { emailMessageId: derivedId(event.id, 'password-reset-message'), userId, to: emailAddress, ...mail },
    });
  })
  // APP_URL changed between two deliveries of one request: the first mail stands.
  .tolerating(RuleCode.EMAIL_MESSAGE_ID_ALREADY_USED)
  .build();
