import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { CompleteUserRegistration } from '../../../shared/commands/complete-user-registration.command';
import type { UserRegistrationWasCompleted } from '../../../shared/events/user-registration-was-completed.event';
import type { UserRegistrationWasStarted } from '../../../shared/events/user-registration-was-started.event';
import { completeUserRegistration } from './complete-user-registration';
import { UserRegistrationAlreadyCompleted, UserRegistrationNotStarted } from './errors';

const given = DeciderSpecification.for(completeUserRegistration);

const registration = {
  userId: 'user-1',
  fullName: 'Jan Kowalski',
  emailAddress: 'jan@example.com',
  hashedPassword: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
};
const started: UserRegistrationWasStarted = { type: 'UserRegistrationWasStarted', data: registration };
const completed: UserRegistrationWasCompleted = { type: 'UserRegistrationWasCompleted', data: registration };
const command: CompleteUserRegistration = { type: 'CompleteUserRegistration', data: { userId: 'user-1' } };

describe('complete user registration', () => {
  it('given registration was started, when completing it, then it was completed with the registration data', () => {
    given([started]).when(command).then([completed]);
  });

  it('given nothing happened, when completing a registration, then it is refused as not started', () => {
    given([]).when(command).thenThrows(UserRegistrationNotStarted);
  });

  it('given registration was completed, when completing it again, then it is refused', () => {
    given([started, completed]).when(command).thenThrows(UserRegistrationAlreadyCompleted);
  });
});
