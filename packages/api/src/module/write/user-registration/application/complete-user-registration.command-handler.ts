import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { CompleteUserRegistrationApplicationCommand } from '../../../shared/commands/complete-user-registration.command';
import { completeUserRegistration } from '../domain/complete-user-registration';
import { userRegistrationStream, type UserRegistrationDomainEvent } from '../domain/events';

@CommandHandler(CompleteUserRegistrationApplicationCommand)
export class CompleteUserRegistrationCommandHandler implements ICommandHandler<CompleteUserRegistrationApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: CompleteUserRegistrationApplicationCommand): Promise<void> {
    await this.applicationService.execute<UserRegistrationDomainEvent>(
      userRegistrationStream(command.data.userId),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => completeUserRegistration(pastEvents, command),
    );
  }
}
