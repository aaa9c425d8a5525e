import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type ApplicationEvent, ApplicationCommandFactory, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { CompleteUserRegistrationApplicationCommand } from '../../shared/commands/complete-user-registration.command';
import { USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import type { EmailConfirmationWasApproved } from '../../shared/events/email-confirmation-was-approved.event';
import { executeUnlessAlreadyDone } from '../shared/execute-unless-already-done';

/** The first admin's registration is completed at start-up, before this may see its approval. */
const ALREADY_DONE = ['USER_REGISTRATION_ALREADY_COMPLETED'];

@Injectable()
export class WhenEmailConfirmationWasApprovedThenCompleteUserRegistration implements OnModuleInit {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('WhenEmailConfirmationWasApprovedThenCompleteUserRegistration_v1')
      // Commands append in transactions of their own: run before the checkpoint moves (at least once; they are idempotent).
      .withOptions({ transactionalHandlers: false })
      .onEvent<EmailConfirmationWasApproved>('EmailConfirmationWasApproved', (event) => this.completeRegistration(event))
      .build();
  }

  private async completeRegistration(event: ApplicationEvent<EmailConfirmationWasApproved>): Promise<void> {
    if (event.data.confirmationFor !== USER_REGISTRATION_CONFIRMATION) return;
    const command = this.commandFactory.applicationCommand(() => ({
      class: CompleteUserRegistrationApplicationCommand,
      type: 'CompleteUserRegistration',
      data: { userId: event.data.userId },
      metadata: { correlationId: event.metadata.correlationId, causationId: event.id },
    }));
    await executeUnlessAlreadyDone(this.commandBus, command, ALREADY_DONE);
  }
}
