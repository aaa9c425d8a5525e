import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { RequestEmailConfirmationApplicationCommand } from '../../../shared/commands/request-email-confirmation.command';
import { emailConfirmationStream, type EmailConfirmationDomainEvent } from '../domain/events';
import { requestEmailConfirmation } from '../domain/request-email-confirmation';

@CommandHandler(RequestEmailConfirmationApplicationCommand)
export class RequestEmailConfirmationCommandHandler implements ICommandHandler<RequestEmailConfirmationApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: RequestEmailConfirmationApplicationCommand): Promise<void> {
    await this.applicationService.execute<EmailConfirmationDomainEvent>(
      emailConfirmationStream(command.data.userId, command.data.confirmationFor),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => requestEmailConfirmation(pastEvents, command),
    );
  }
}
