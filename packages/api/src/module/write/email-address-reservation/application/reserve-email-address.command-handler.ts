import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { ReserveEmailAddressApplicationCommand } from '../../../shared/commands/reserve-email-address.command';
import { reserveEmailAddress } from '../domain/reserve-email-address';
import { emailAddressReservationStream } from '../domain/events';

export const ReserveEmailAddressCommandHandler = decidingCommandHandler(ReserveEmailAddressApplicationCommand, {
  stream: (command) => emailAddressReservationStream(command.data.emailAddress),
  decide: reserveEmailAddress,
});
