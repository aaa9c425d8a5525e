import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { SendEmailMessage } from '../../../shared/commands/send-email-message.command';
import type { EmailMessageWasSent } from '../../../shared/events/email-message-was-sent.event';
import { EmailMessageIdAlreadyUsed } from './errors';
import type { EmailSenderDomainEvent } from './events';
import { sendEmailMessage } from './send-email-message';

const from = 'CodersCamp <no-reply@coderscamp.edu.pl>';
const given = DeciderSpecification.for((events: EmailSenderDomainEvent[], command: SendEmailMessage) =>
  sendEmailMessage(events, command, from),
);

const message = {
  emailMessageId: 'message-1',
  userId: 'user-1',
  to: 'jan@example.com',
  subject: 'Confirm your email address',
  text: 'Open https://app.example.com/confirm-email?token=token-1',
  html: '<a href="https://app.example.com/confirm-email?token=token-1">Confirm</a>',
};
const send: SendEmailMessage = { type: 'SendEmailMessage', data: message };
const sent: EmailMessageWasSent = { type: 'EmailMessageWasSent', data: { ...message, from } };

describe('send email message', () => {
  it('given nothing was sent, when sending a message, then it was sent from the configured sender', () => {
    given([]).when(send).then([sent]);
  });

  it('given the message was sent, when sending it again, then nothing happens so no second mail goes out', () => {
    given([sent]).when(send).thenNothingHappened();
  });

  it('given the message was sent, when sending other content under its id, then it is refused', () => {
    given([sent])
      .when({ type: 'SendEmailMessage', data: { ...message, subject: 'Something else' } })
      .thenThrows(EmailMessageIdAlreadyUsed);
  });
});
