import type { SendEmailMessage } from '../../../shared/commands/send-email-message.command';
import type { EmailMessageWasSent } from '../../../shared/events/email-message-was-sent.event';
import { EmailMessageIdAlreadyUsed } from './errors';
import type { EmailSenderDomainEvent } from './events';

/**
 * A message already sent yields no events rather than an error: a second send is a retry (a
 * redelivered automation, a crash before the append), and the issuer's intent, "this message is
 * out", already holds. The handler mails only when this decides an event, so no second mail.
 */
export function sendEmailMessage(
  pastEvents: EmailSenderDomainEvent[],
  command: SendEmailMessage,
  from: string,
): EmailSenderDomainEvent[] {
  const sent = pastEvents.reduce<EmailMessageWasSent['data'] | undefined>(
    (message, event) => (event.type === 'EmailMessageWasSent' ? event.data : message),
    undefined,
  );

  const { emailMessageId, userId, to, subject, text, html } = command.data;
  if (sent !== undefined) {
    const sameMessage = sent.to === to && sent.subject === subject && sent.text === text && sent.html === html;
    if (!sameMessage) throw new EmailMessageIdAlreadyUsed(emailMessageId);
    return [];
  }

  return [{ type: 'EmailMessageWasSent', data: { emailMessageId, userId, to, subject, text, html, from } }];
}
