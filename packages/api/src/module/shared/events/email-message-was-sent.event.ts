import type { DomainEvent, Upcaster } from '@coderscamp/event-sourcing';

/**
 * Schema version 2: `userId` names the user the mail is about, so its recipient and body are
 * encrypted under that user's key and erased with them. Version 1 (before personal data was
 * encrypted) had no `userId`; see the upcaster below for what such mails read as.
 */
export type EmailMessageWasSent = DomainEvent<
  'EmailMessageWasSent',
  { emailMessageId: string; userId: string | null; to: string; subject: string; text: string; html: string; from: string }
>;

/**
 * Version 1 → 2. A version-1 mail cannot know its user: the command that sent it named only the
 * address, and its metadata names the request and command, not the user. Guessing (say, from the
 * address today) could attribute a mail to a later holder of the address, so it reads as
 * unattributed (`userId: null`) instead. Such mails are still reached by their user's erasure:
 * the plaintext rewrite matches them by recipient address (`personalDataOfErasure`).
 */
export const EMAIL_MESSAGE_WAS_SENT_V1_TO_V2: Upcaster = {
  eventType: 'EmailMessageWasSent',
  fromVersion: 1,
  upcast: (data: Omit<EmailMessageWasSent['data'], 'userId'>): EmailMessageWasSent['data'] => ({ ...data, userId: null }),
};
