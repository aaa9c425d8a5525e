import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/**
 * `emailMessageId` identifies one message: issuing the command again with it never sends a second
 * mail. `userId` is the user the mail is about: its recipient and body are their personal data.
 */
export type SendEmailMessage = DomainCommand<
  'SendEmailMessage',
  { emailMessageId: string; userId: string; to: string; subject: string; text: string; html: string }
>;

export class SendEmailMessageApplicationCommand extends AbstractApplicationCommand<SendEmailMessage> {}
