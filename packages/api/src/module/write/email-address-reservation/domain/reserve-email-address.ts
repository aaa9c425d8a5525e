import type { ReserveEmailAddress } from '../../../shared/commands/reserve-email-address.command';
import { EmailAddressAlreadyRegistered } from './errors';
import { normalizedEmailAddress } from '../../../shared/email-address';
import type { EmailAddressReservationDomainEvent } from './events';
import { reservationHolder } from './reservation-holder';

export function reserveEmailAddress(
  pastEvents: EmailAddressReservationDomainEvent[],
  command: ReserveEmailAddress,
): EmailAddressReservationDomainEvent[] {
  const reservedBy = reservationHolder(pastEvents);

  const { userId } = command.data;
  // The same registration retried after a crash already holds the address.
  if (reservedBy === userId) return [];
  if (reservedBy !== undefined) {
    throw new EmailAddressAlreadyRegistered(command.data.emailAddress);
  }

  return [{ type: 'EmailAddressWasReserved', data: { emailAddress: normalizedEmailAddress(command.data.emailAddress), userId } }];
}
