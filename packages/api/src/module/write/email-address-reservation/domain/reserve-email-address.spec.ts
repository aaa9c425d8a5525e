import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { ReserveEmailAddress } from '../../../shared/commands/reserve-email-address.command';
import { EmailAddressAlreadyRegistered } from './errors';
import { emailAddressReservationStream } from './events';
import { reserveEmailAddress } from './reserve-email-address';

const given = DeciderSpecification.for(reserveEmailAddress);

const reserve = (userId: string, emailAddress = 'jan@example.com'): ReserveEmailAddress => ({
  type: 'ReserveEmailAddress',
  data: { emailAddress, userId },
});

describe('reserve email address', () => {
  it('given the address was never reserved, when reserving it, then it was reserved in normalized form', () => {
    given([])
      .when(reserve('user-1', '  Jan@Example.COM '))
      .then([{ type: 'EmailAddressWasReserved', data: { emailAddress: 'jan@example.com', userId: 'user-1' } }]);
  });

  it('given another user reserved the address, when reserving it, then it is refused as already registered', () => {
    given([{ type: 'EmailAddressWasReserved', data: { emailAddress: 'jan@example.com', userId: 'user-1' } }])
      .when(reserve('user-2', 'JAN@example.com'))
      .thenThrows(EmailAddressAlreadyRegistered, (error) => expect(error.code).toBe('EMAIL_ALREADY_REGISTERED'));
  });

  it('given this user reserved the address, when reserving it again, then nothing happens', () => {
    given([{ type: 'EmailAddressWasReserved', data: { emailAddress: 'jan@example.com', userId: 'user-1' } }])
      .when(reserve('user-1'))
      .thenNothingHappened();
  });

  it('given the reservation was released, when another user reserves the address, then it was reserved', () => {
    given([
      { type: 'EmailAddressWasReserved', data: { emailAddress: 'jan@example.com', userId: 'user-1' } },
      { type: 'EmailAddressReservationWasReleased', data: { emailAddress: 'jan@example.com', userId: 'user-1' } },
    ])
      .when(reserve('user-2'))
      .then([{ type: 'EmailAddressWasReserved', data: { emailAddress: 'jan@example.com', userId: 'user-2' } }]);
  });

  it('given addresses differing only in case, when naming their streams, then both name one stream, by the digest of the normalized address', () => {
    expect(emailAddressReservationStream(' Jan@Example.com').toString()).toBe(`EmailAddressReservation_${JAN_DIGEST}`);
    expect(emailAddressReservationStream('jan@example.com').equals(emailAddressReservationStream('JAN@EXAMPLE.COM'))).toBe(true);
  });
});

/** SHA-256 of `jan@example.com`. */
const JAN_DIGEST = 'b82dbe5433cfaeb5238ada81eadf911798ab04ba8ed69e004ec907826efa758e';
