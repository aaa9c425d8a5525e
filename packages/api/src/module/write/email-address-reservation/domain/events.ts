import { StreamName } from '@coderscamp/event-sourcing';
import type { EmailAddressReservationWasReleased } from '../../../shared/events/email-address-reservation-was-released.event';
import type { EmailAddressWasReserved } from '../../../shared/events/email-address-was-reserved.event';
import { normalizedEmailAddress } from '../../../shared/email-address';

export type EmailAddressReservationDomainEvent = EmailAddressWasReserved | EmailAddressReservationWasReleased;


/**
 * One stream per address: the store's compare-and-set on this stream is what keeps two
 * simultaneous registrations from both taking the address.
 */
export function emailAddressReservationStream(emailAddress: string): StreamName {
  return StreamName.of('EmailAddressReservation', normalizedEmailAddress(emailAddress));
}
