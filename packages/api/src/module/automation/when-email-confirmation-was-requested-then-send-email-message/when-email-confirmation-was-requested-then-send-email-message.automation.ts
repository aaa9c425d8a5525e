import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ApplicationEvent, ApplicationCommandFactory, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { SendEmailMessageApplicationCommand } from '../../shared/commands/send-email-message.command';
import { USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import type { EmailConfirmationWasRequested } from '../../shared/events/email-confirmation-was-requested.event';
import { AppUrl } from '../../../shared/config/app-url';
import { derivedId } from '../shared/derived-id';
import { executeUnlessAlreadyDone } from '../shared/execute-unless-already-done';
import { confirmationEmail, confirmationLink } from './confirmation-email';

/** APP_URL changed between two deliveries of one request: the first mail stands. */
const ALREADY_DONE = ['EMAIL_MESSAGE_ID_ALREADY_USED'];

@Injectable()
export class WhenEmailConfirmationWasRequestedThenSendEmailMessage implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly appUrl: AppUrl,
  ) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('WhenEmailConfirmationWasRequestedThenSendEmailMessage_v1')
      // Commands append in transactions of their own: run before the checkpoint moves (at least once; they are idempotent).
      .withOptions({ transactionalHandlers: false })
      .onEvent<EmailConfirmationWasRequested>('EmailConfirmationWasRequested', (event) => this.sendConfirmationEmail(event))
      .build();
  }

  private async sendConfirmationEmail(event: ApplicationEvent<EmailConfirmationWasRequested>): Promise<void> {
    if (event.data.confirmationFor !== USER_REGISTRATION_CONFIRMATION) return;
    const mail = confirmationEmail(confirmationLink(await this.appUrl.resolve(), event.data.confirmationToken));
    const command = this.commandFactory.applicationCommand(() => ({
      class: SendEmailMessageApplicationCommand,
      type: 'SendEmailMessage',
      data: { emailMessageId: derivedId(event.id, 'email-confirmation-message'), to: event.data.emailAddress, ...mail },
      metadata: { correlationId: event.metadata.correlationId, causationId: event.id },
    }));
    await executeUnlessAlreadyDone(this.commandBus, command, ALREADY_DONE);
  }
}
