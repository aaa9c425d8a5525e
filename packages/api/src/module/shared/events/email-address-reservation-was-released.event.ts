import type { DomainEvent } from '@coderscamp/event-sourcing';

/** A registration that failed gives its address back, so the address can be registered again. */
export type EmailAddressReservationWasReleased = DomainEvent<
  'EmailAddressReservationWasReleased',
  { emailAddress: string; userId: string }
>;
