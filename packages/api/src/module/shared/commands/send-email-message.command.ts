import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** `emailMessageId` identifies one message: issuing the command again with it never sends a second mail. */
export type SendEmailMessage = DomainCommand<
  'SendEmailMessage',
  { emailMessageId: string; to: string; subject: string; text: string; html: string }
>;

export class SendEmailMessageApplicationCommand extends AbstractApplicationCommand<SendEmailMessage> {}
