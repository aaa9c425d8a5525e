import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { ApproveEmailConfirmationApplicationCommand } from '../../../shared/commands/approve-email-confirmation.command';
import { approveEmailConfirmation } from '../domain/approve-email-confirmation';
import { emailConfirmationStream, type EmailConfirmationDomainEvent } from '../domain/events';

@CommandHandler(ApproveEmailConfirmationApplicationCommand)
export class ApproveEmailConfirmationCommandHandler implements ICommandHandler<ApproveEmailConfirmationApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: ApproveEmailConfirmationApplicationCommand): Promise<void> {
    await this.applicationService.execute<EmailConfirmationDomainEvent>(
      emailConfirmationStream(command.data.userId, command.data.confirmationFor),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => approveEmailConfirmation(pastEvents, command),
    );
  }
}
