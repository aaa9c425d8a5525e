import type { DomainEvent } from '@coderscamp/event-sourcing';

export type EmailMessageWasSent = DomainEvent<
  'EmailMessageWasSent',
  { emailMessageId: string; to: string; subject: string; text: string; html: string; from: string }
>;
