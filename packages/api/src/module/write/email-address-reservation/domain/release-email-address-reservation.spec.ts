import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { ReleaseEmailAddressReservation } from '../../../shared/commands/release-email-address-reservation.command';
import type { EmailAddressWasReserved } from '../../../shared/events/email-address-was-reserved.event';
import { releaseEmailAddressReservation } from './release-email-address-reservation';

const given = DeciderSpecification.for(releaseEmailAddressReservation);

const reservedBy = (userId: string): EmailAddressWasReserved => ({
  type: 'EmailAddressWasReserved',
  data: { emailAddress: 'jan@example.com', userId },
});
const release = (userId: string): ReleaseEmailAddressReservation => ({
  type: 'ReleaseEmailAddressReservation',
  data: { emailAddress: 'Jan@Example.com', userId },
});

describe('release email address reservation', () => {
  it('given this user reserved the address, when releasing it, then the reservation was released', () => {
    given([reservedBy('user-1')])
      .when(release('user-1'))
      .then([{ type: 'EmailAddressReservationWasReleased', data: { emailAddress: 'jan@example.com', userId: 'user-1' } }]);
  });

  it('given another user reserved the address, when releasing it, then nothing happens', () => {
    given([reservedBy('user-1')]).when(release('user-2')).thenNothingHappened();
  });

  it('given the reservation was released, when releasing it again, then nothing happens', () => {
    given([
      reservedBy('user-1'),
      { type: 'EmailAddressReservationWasReleased', data: { emailAddress: 'jan@example.com', userId: 'user-1' } },
    ])
      .when(release('user-1'))
      .thenNothingHappened();
  });

  it('given the address was never reserved, when releasing it, then nothing happens', () => {
    given([]).when(release('user-1')).thenNothingHappened();
  });
});
