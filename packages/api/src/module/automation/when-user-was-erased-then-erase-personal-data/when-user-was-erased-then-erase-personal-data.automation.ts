import { causedBy, isErased } from '@coderscamp/event-sourcing';
import { automation } from '@coderscamp/event-sourcing/nestjs';
import { ReleaseEmailAddressReservationApplicationCommand } from '../../shared/commands/release-email-address-reservation.command';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { PersonalDataErasure } from '../../write/shared/personal-data-erasure';

/**
 * Carries an erasure out, durably: a failure is retried by the subscription, and every step is
 * safe to repeat. In this order, because each step needs what the next one takes away:
 * 1. the address is released while it can still be read: the reservation stream is named by it
 *    (its digest);
 * 2. the plaintext rewrite, which finds old mails by that address;
 * 3. the user's key: from here on the address in this very event reads as erased, so a
 *    redelivery after it knows steps 1 and 2 are done and skips the release.
 * DELETE /users/me answers once this has handled the event (PERSONAL_DATA_ERASURE_SUBSCRIPTION_ID).
 */
export const WhenUserWasErasedThenErasePersonalData = automation('when-user-was-erased-then-erase-personal-data')
  .inject({ erasure: PersonalDataErasure })
  .on<UserWasErased>('UserWasErased', async (event, { send, erasure }) => {
    const { userId, emailAddress } = event.data;
    const readable = isErased(emailAddress) ? undefined : emailAddress;
    if (readable !== undefined) {
      await send({ class: ReleaseEmailAddressReservationApplicationCommand, type: 'ReleaseEmailAddressReservation', data: { emailAddress: readable, userId } });
    }
    await erasure.erase(userId, readable, causedBy(event));
  })
  .build();
