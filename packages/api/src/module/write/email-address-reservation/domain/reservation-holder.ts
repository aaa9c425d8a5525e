import type { EmailAddressReservationDomainEvent } from './events';

/** The user holding the address now, if anyone: the last reservation not released since. */
export function reservationHolder(pastEvents: readonly EmailAddressReservationDomainEvent[]): string | undefined {
  return pastEvents.reduce<string | undefined>((holder, event) => {
    switch (event.type) {
      case 'EmailAddressWasReserved':
        return event.data.userId;
      case 'EmailAddressReservationWasReleased':
        return undefined;
      default:
        return holder;
    }
  }, undefined);
}
