import { isErased } from '@coderscamp/event-sourcing';
import { automation } from '@coderscamp/event-sourcing/nestjs';
import { SendEmailMessageApplicationCommand } from '../../shared/commands/send-email-message.command';
import { USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import { RuleCode } from '../../shared/errors/rule-codes';
import type { EmailConfirmationWasRequested } from '../../shared/events/email-confirmation-was-requested.event';
import { AppUrl } from '../../../shared/config/app-url';
import { derivedId } from '../shared/derived-id';
import { confirmationEmail, confirmationLink } from './confirmation-email';

export const WhenEmailConfirmationWasRequestedThenSendEmailMessage = automation('when-email-confirmation-was-requested-then-send-email-message')
  .inject({ appUrl: AppUrl })
  .on<EmailConfirmationWasRequested>('EmailConfirmationWasRequested', async (event, { send, appUrl }) => {
    if (event.data.confirmationFor !== USER_REGISTRATION_CONFIRMATION) return;
    // The user was erased before their mail went out: there is no one left to write to.
    if (isErased(event.data.emailAddress)) return;
    const mail = confirmationEmail(confirmationLink(await appUrl.resolve(), event.data.confirmationToken));
    await send({
      class: SendEmailMessageApplicationCommand,
      type: 'SendEmailMessage',
      data: { emailMessageId: derivedId(event.id, 'email-confirmation-message'), userId: event.data.userId, to: event.data.emailAddress, ...mail },
    });
  })
  // APP_URL changed between two deliveries of one request: the first mail stands.
  .tolerating(RuleCode.EMAIL_MESSAGE_ID_ALREADY_USED)
  .build();
