import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ApplicationEvent, ApplicationCommandFactory, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { RequestEmailConfirmationApplicationCommand } from '../../shared/commands/request-email-confirmation.command';
import { emailConfirmationToken, USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import type { UserRegistrationWasStarted } from '../../shared/events/user-registration-was-started.event';
import { derivedSecret } from '../shared/derived-id';
import { executeUnlessAlreadyDone } from '../shared/execute-unless-already-done';

/** A registration confirmed by other means (the first admin) needs no confirmation request. */
const ALREADY_DONE = ['EMAIL_CONFIRMATION_ALREADY_APPROVED'];

@Injectable()
export class WhenUserRegistrationWasStartedThenRequestEmailConfirmation implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1')
      // Commands append in transactions of their own: run before the checkpoint moves (at least once; they are idempotent).
      .withOptions({ transactionalHandlers: false })
      .onEvent<UserRegistrationWasStarted>('UserRegistrationWasStarted', (event) => this.requestConfirmation(event))
      .build();
  }

  private async requestConfirmation(event: ApplicationEvent<UserRegistrationWasStarted>): Promise<void> {
    const { userId, emailAddress } = event.data;
    const command = this.commandFactory.applicationCommand(() => ({
      class: RequestEmailConfirmationApplicationCommand,
      type: 'RequestEmailConfirmation',
      data: {
        userId,
        // Derived from the event: a redelivery requests the same token, which the decision ignores.
        confirmationToken: emailConfirmationToken(userId, derivedSecret(event.id, 'email-confirmation-token')),
        confirmationFor: USER_REGISTRATION_CONFIRMATION,
        emailAddress,
      },
      metadata: { correlationId: event.metadata.correlationId, causationId: event.id },
    }));
    await executeUnlessAlreadyDone(this.commandBus, command, ALREADY_DONE);
  }
}
