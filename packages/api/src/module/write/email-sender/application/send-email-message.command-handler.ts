import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { SendEmailMessageApplicationCommand } from '../../../shared/commands/send-email-message.command';
import { AppConfig } from '../../../../shared/config/app-config';
import { emailMessageStream, type EmailSenderDomainEvent } from '../domain/events';
import { sendEmailMessage } from '../domain/send-email-message';
import { EMAIL_SENDER, type EmailSender } from './email-sender.port';

/**
 * Mails only what the decision accepted, and before appending it: a crash in between means one
 * more delivery on retry (with the same Message-ID), never a mail recorded as sent that was not.
 * A repeated command decides nothing, so it mails nothing.
 */
@CommandHandler(SendEmailMessageApplicationCommand)
export class SendEmailMessageCommandHandler implements ICommandHandler<SendEmailMessageApplicationCommand> {
  constructor(
    @Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService,
    @Inject(EMAIL_SENDER) private readonly emailSender: EmailSender,
    private readonly config: AppConfig,
  ) {}

  async execute(command: SendEmailMessageApplicationCommand): Promise<void> {
    await this.applicationService.handle<EmailSenderDomainEvent>(
      emailMessageStream(command.data.emailMessageId),
      command,
      async (pastEvents) => {
        const decided = sendEmailMessage(pastEvents, command, this.config.email.from);
        for (const event of decided) await this.emailSender.send(event.data);
        return decided;
      },
    );
  }
}
