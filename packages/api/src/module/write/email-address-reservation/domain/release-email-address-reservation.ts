import type { ReleaseEmailAddressReservation } from '../../../shared/commands/release-email-address-reservation.command';
import { normalizedEmailAddress } from '../../../shared/email-address';
import type { EmailAddressReservationDomainEvent } from './events';
import { reservationHolder } from './reservation-holder';

/**
 * Compensation for a registration that failed after reserving. It must be safe to repeat and must
 * never free an address another user holds, so anything but "held by this user" changes nothing.
 */
export function releaseEmailAddressReservation(
  pastEvents: EmailAddressReservationDomainEvent[],
  command: ReleaseEmailAddressReservation,
): EmailAddressReservationDomainEvent[] {
  const reservedBy = reservationHolder(pastEvents);

  const { userId } = command.data;
  if (reservedBy !== userId) return [];

  return [
    {
      type: 'EmailAddressReservationWasReleased',
      data: { emailAddress: normalizedEmailAddress(command.data.emailAddress), userId },
    },
  ];
}
