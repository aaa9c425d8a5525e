import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ApplicationEvent, ApplicationCommandFactory, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { SendEmailMessageApplicationCommand } from '../../shared/commands/send-email-message.command';
import type { PasswordResetWasRequested } from '../../shared/events/password-reset-was-requested.event';
import { passwordResetSecret, passwordResetToken } from '../../shared/password-reset-token';
import { JWT_SIGNING_SECRET, type JwtSigningSecret } from '../../../shared/auth/jwt-signing-secret';
import { AppUrl } from '../../../shared/config/app-url';
import { derivedId } from '../shared/derived-id';
import { executeUnlessAlreadyDone } from '../shared/execute-unless-already-done';
import { passwordResetEmail, passwordResetLink } from './password-reset-email';

/** APP_URL changed between two deliveries of one request: the first mail stands. */
const ALREADY_DONE = ['EMAIL_MESSAGE_ID_ALREADY_USED'];

/** Rebuilds the link's secret from the request id and the server key: the event holds only its hash. */
@Injectable()
export class WhenPasswordResetWasRequestedThenSendEmailMessage implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    @Inject(JWT_SIGNING_SECRET) private readonly serverKey: JwtSigningSecret,
    private readonly appUrl: AppUrl,
  ) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('WhenPasswordResetWasRequestedThenSendEmailMessage_v1')
      // Commands append in transactions of their own: run before the checkpoint moves (at least once; they are idempotent).
      .withOptions({ transactionalHandlers: false })
      .onEvent<PasswordResetWasRequested>('PasswordResetWasRequested', (event) => this.sendPasswordResetEmail(event))
      .build();
  }

  private async sendPasswordResetEmail(event: ApplicationEvent<PasswordResetWasRequested>): Promise<void> {
    const { userId, resetId, emailAddress } = event.data;
    const token = passwordResetToken(userId, passwordResetSecret(this.serverKey.value, resetId));
    const mail = passwordResetEmail(passwordResetLink(await this.appUrl.resolve(), token));
    const command = this.commandFactory.applicationCommand(() => ({
      class: SendEmailMessageApplicationCommand,
      type: 'SendEmailMessage',
      data: { emailMessageId: derivedId(event.id, 'password-reset-message'), to: emailAddress, ...mail },
      metadata: { correlationId: event.metadata.correlationId, causationId: event.id },
    }));
    await executeUnlessAlreadyDone(this.commandBus, command, ALREADY_DONE);
  }
}
