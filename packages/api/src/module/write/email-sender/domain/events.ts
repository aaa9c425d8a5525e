import { StreamName } from '@coderscamp/event-sourcing';
import type { EmailMessageWasSent } from '../../../shared/events/email-message-was-sent.event';

export type EmailSenderDomainEvent = EmailMessageWasSent;

export function emailMessageStream(emailMessageId: string): StreamName {
  return StreamName.of('EmailMessage', emailMessageId);
}
