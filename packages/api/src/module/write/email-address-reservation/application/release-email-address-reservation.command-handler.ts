import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { ReleaseEmailAddressReservationApplicationCommand } from '../../../shared/commands/release-email-address-reservation.command';
import { emailAddressReservationStream, type EmailAddressReservationDomainEvent } from '../domain/events';
import { releaseEmailAddressReservation } from '../domain/release-email-address-reservation';

@CommandHandler(ReleaseEmailAddressReservationApplicationCommand)
export class ReleaseEmailAddressReservationCommandHandler implements ICommandHandler<ReleaseEmailAddressReservationApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: ReleaseEmailAddressReservationApplicationCommand): Promise<void> {
    await this.applicationService.execute<EmailAddressReservationDomainEvent>(
      emailAddressReservationStream(command.data.emailAddress),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => releaseEmailAddressReservation(pastEvents, command),
    );
  }
}
