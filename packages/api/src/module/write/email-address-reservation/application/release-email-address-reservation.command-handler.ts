import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { ReleaseEmailAddressReservationApplicationCommand } from '../../../shared/commands/release-email-address-reservation.command';
import { releaseEmailAddressReservation } from '../domain/release-email-address-reservation';
import { emailAddressReservationStream } from '../domain/events';

export const ReleaseEmailAddressReservationCommandHandler = decidingCommandHandler(ReleaseEmailAddressReservationApplicationCommand, {
  stream: (command) => emailAddressReservationStream(command.data.emailAddress),
  decide: releaseEmailAddressReservation,
});
