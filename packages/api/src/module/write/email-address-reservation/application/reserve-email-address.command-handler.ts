import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { ReserveEmailAddressApplicationCommand } from '../../../shared/commands/reserve-email-address.command';
import { emailAddressReservationStream, type EmailAddressReservationDomainEvent } from '../domain/events';
import { reserveEmailAddress } from '../domain/reserve-email-address';

@CommandHandler(ReserveEmailAddressApplicationCommand)
export class ReserveEmailAddressCommandHandler implements ICommandHandler<ReserveEmailAddressApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: ReserveEmailAddressApplicationCommand): Promise<void> {
    await this.applicationService.execute<EmailAddressReservationDomainEvent>(
      emailAddressReservationStream(command.data.emailAddress),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => reserveEmailAddress(pastEvents, command),
    );
  }
}
