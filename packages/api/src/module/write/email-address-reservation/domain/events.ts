import { StreamName } from '@coderscamp/event-sourcing';
import type { EmailAddressReservationWasReleased } from '../../../shared/events/email-address-reservation-was-released.event';
import type { EmailAddressWasReserved } from '../../../shared/events/email-address-was-reserved.event';
import { emailAddressDigest } from '../../../shared/email-address';

export type EmailAddressReservationDomainEvent = EmailAddressWasReserved | EmailAddressReservationWasReleased;

/**
 * One stream per address: the store's compare-and-set on this stream is what keeps two
 * simultaneous registrations from both taking the address. Named by the address's digest, not the
 * address: a stream name is not personal data the erasure could reach (ADR 0020).
 */
export function emailAddressReservationStream(emailAddress: string): StreamName {
  return StreamName.of('EmailAddressReservation', emailAddressDigest(emailAddress));
}
