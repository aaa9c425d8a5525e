import { Global, Module } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { StreamName } from '@coderscamp/event-sourcing';
import { testCommand } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it, vi } from 'vitest';
import { ChangeUserProfileApplicationCommand } from '../../src/module/shared/commands/change-user-profile.command';
import { CompleteUserRegistrationApplicationCommand } from '../../src/module/shared/commands/complete-user-registration.command';
import { RegisterUserApplicationCommand, type RegisterUser } from '../../src/module/shared/commands/register-user.command';
import { EmailAddressAlreadyRegistered } from '../../src/module/write/email-address-reservation/domain/errors';
import { ReleaseEmailAddressReservationCommandHandler } from '../../src/module/write/email-address-reservation/application/release-email-address-reservation.command-handler';
import { ReserveEmailAddressCommandHandler } from '../../src/module/write/email-address-reservation/application/reserve-email-address.command-handler';
import { UserRegistrationAlreadyCompleted, UserRegistrationAlreadyStarted, UserRegistrationNotStarted } from '../../src/module/write/user-registration/domain/errors';
import { ReadModelCatchUp } from '../../src/module/write/shared/read-model-catch-up';
import { UserRegistrationWriteModule } from '../../src/module/write/user-registration/user-registration.write-module';
import { verifyPassword } from '../../src/shared/auth/scrypt-password';
import { writeModuleOnReadModelTestDatabase } from '../support/read-model-test-database';

/** The reservation stream of jan@example.com: named by the address's SHA-256, never the address. */
const JAN_RESERVATION_STREAM = `EmailAddressReservation_${createHash('sha256').update('jan@example.com').digest('hex')}`;

/**
 * Registration with the real address-reservation slice behind the command bus: the two slices
 * together keep addresses unique and give back the address of a registration that failed. Lives
 * in test/ because it spans two slices, which slice folders may not import across.
 */

const registration: RegisterUser['data'] = {
  userId: 'user-1',
  fullName: 'Jan Kowalski',
  emailAddress: 'Jan@Example.com',
  plainPassword: 'correct horse battery',
};
const registerUser = (data: Partial<RegisterUser['data']> = {}) =>
  testCommand({ class: RegisterUserApplicationCommand, type: 'RegisterUser', data: { ...registration, ...data } });
const completeRegistration = (userId: string) =>
  testCommand({ class: CompleteUserRegistrationApplicationCommand, type: 'CompleteUserRegistration', data: { userId }, id: 'command-2' });

/** The erasure controller waits for read models with ReadModelCatchUp, which the app's global SharedModule provides. */
@Global()
@Module({ providers: [ReadModelCatchUp], exports: [ReadModelCatchUp] })
class ReadModelCatchUpModule {}

describe('user registration write module', () => {
  // The reservation slice is the real one: registration talks to it through the command bus.
  // The platform module, which comes first, gives the controllers what they need: config, rate limits, the JWT guard.
  const slice = writeModuleOnReadModelTestDatabase({
    imports: [ReadModelCatchUpModule, UserRegistrationWriteModule],
    providers: [ReserveEmailAddressCommandHandler, ReleaseEmailAddressReservationCommandHandler],
  });

  it('given nothing, when registering, then the normalized address is reserved and the registration started with a verifiable hash', async () => {
    await slice.spec.whenCommandExecuted(registerUser());

    await slice.spec.thenEventsPublished(JAN_RESERVATION_STREAM, [
      { type: 'EmailAddressWasReserved', data: { emailAddress: 'jan@example.com', userId: 'user-1' } },
    ]);
    const { events } = await slice.spec.eventStore.readStream(StreamName.parse('UserRegistration_user-1'));
    expect(events.map((event) => event.type)).toEqual(['UserRegistrationWasStarted']);
    const started = events[0]!.data as { emailAddress: string; hashedPassword: string };
    expect(started).toMatchObject({ userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com' });
    expect(started.hashedPassword).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', started.hashedPassword)).toBe(true);
  });

  it('given another user holds the address, when registering with it in another case, then refused and nothing started', async () => {
    await slice.spec.givenEventsOccurred(JAN_RESERVATION_STREAM, [
      { type: 'EmailAddressWasReserved', data: { emailAddress: 'jan@example.com', userId: 'someone-else' } },
    ]);

    await slice.spec.whenCommandExecuted(registerUser({ emailAddress: 'JAN@example.com' }));

    await slice.spec.thenCommandFailed(EmailAddressAlreadyRegistered, (error) => expect(error.code).toBe('EMAIL_ALREADY_REGISTERED'));
    expect((await slice.spec.eventStore.readStream(StreamName.parse('UserRegistration_user-1'))).events).toEqual([]);
  });

  it('given the registration cannot be stored after reserving, when registering, then the address is released and can be registered again', async () => {
    const append = slice.spec.eventStore.appendToStream.bind(slice.spec.eventStore);
    const failOnce = vi.spyOn(slice.spec.eventStore, 'appendToStream').mockImplementation(async (stream, events, options) => {
      if (stream.category === 'UserRegistration') {
        failOnce.mockRestore();
        throw new Error('database went away');
      }
      return append(stream, events, options);
    });

    await slice.spec.whenCommandExecuted(registerUser());
    await slice.spec.thenCommandFailed(Error, (error) => expect(error.message).toBe('database went away'));
    const { events } = await slice.spec.eventStore.readStream(StreamName.parse(JAN_RESERVATION_STREAM));
    expect(events.map((event) => event.type)).toEqual(['EmailAddressWasReserved', 'EmailAddressReservationWasReleased']);

    await slice.spec.whenCommandExecuted(registerUser({ userId: 'user-2' }));
    const retried = await slice.spec.eventStore.readStream(StreamName.parse('UserRegistration_user-2'));
    expect(retried.events.map((event) => event.type)).toEqual(['UserRegistrationWasStarted']);
  });

  it('given the same registration is repeated (same user id), when registering, then refused and the address stays reserved', async () => {
    await slice.spec.whenCommandExecuted(registerUser());
    await slice.spec.whenCommandExecuted(registerUser());

    await slice.spec.thenCommandFailed(UserRegistrationAlreadyStarted);
    const { events } = await slice.spec.eventStore.readStream(StreamName.parse(JAN_RESERVATION_STREAM));
    expect(events.map((event) => event.type)).toEqual(['EmailAddressWasReserved']);
  });

  it('given a started registration, when completing it, then it completes with the registration data', async () => {
    const started = { userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com', hashedPassword: 'scrypt$hash' };
    await slice.spec.givenEventsOccurred('UserRegistration_user-1', [{ type: 'UserRegistrationWasStarted', data: started }]);

    await slice.spec.whenCommandExecuted(completeRegistration('user-1'));

    await slice.spec.thenEventsPublished('UserRegistration_user-1', [{ type: 'UserRegistrationWasCompleted', data: started }]);
  });

  it('given no registration, when completing, then refused; given a completed one, then completing again is refused', async () => {
    await slice.spec.whenCommandExecuted(completeRegistration('nobody'));
    await slice.spec.thenCommandFailed(UserRegistrationNotStarted);

    const started = { userId: 'user-1', fullName: 'Jan', emailAddress: 'jan@example.com', hashedPassword: 'h' };
    await slice.spec.givenEventsOccurred('UserRegistration_user-1', [
      { type: 'UserRegistrationWasStarted', data: started },
      { type: 'UserRegistrationWasCompleted', data: started },
    ]);
    await slice.spec.whenCommandExecuted(completeRegistration('user-1'));
    await slice.spec.thenCommandFailed(UserRegistrationAlreadyCompleted);
  });

  it('given a completed registration, when changing the profile, then UserProfileWasChanged is published with the changed fields', async () => {
    const started = { userId: 'user-1', fullName: 'Jan', emailAddress: 'jan@example.com', hashedPassword: 'h' };
    await slice.spec.givenEventsOccurred('UserRegistration_user-1', [
      { type: 'UserRegistrationWasStarted', data: started },
      { type: 'UserRegistrationWasCompleted', data: started },
    ]);

    await slice.spec.whenCommandExecuted(
      testCommand({ class: ChangeUserProfileApplicationCommand, type: 'ChangeUserProfile', data: { userId: 'user-1', fullName: 'Jan Nowak', image: 'https://example.com/j.png' }, id: 'command-3', metadata: { correlationId: 'c-2' } }),
    );

    await slice.spec.thenEventsPublished('UserRegistration_user-1', [
      { type: 'UserProfileWasChanged', data: { userId: 'user-1', fullName: 'Jan Nowak', image: 'https://example.com/j.png' } },
    ]);
  });
});
