import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { RegisterUser } from '../../../shared/commands/register-user.command';
import { UserRegistrationAlreadyStarted } from './errors';
import type { UserRegistrationDomainEvent } from './events';
import { registerUser } from './register-user';

const hashedPassword = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
const given = DeciderSpecification.for((events: UserRegistrationDomainEvent[], command: RegisterUser) =>
  registerUser(events, command, hashedPassword),
);

const command: RegisterUser = {
  type: 'RegisterUser',
  data: { userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com', plainPassword: 'correct horse' },
};

describe('register user', () => {
  it('given nothing happened, when registering a user, then registration was started with the hashed password only', () => {
    given([])
      .when(command)
      .then([
        {
          type: 'UserRegistrationWasStarted',
          data: { userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com', hashedPassword },
        },
      ]);
  });

  it('given nothing happened, when registering with a mixed-case address, then the address is stored normalized', () => {
    given([])
      .when({ ...command, data: { ...command.data, emailAddress: '  Jan@Example.COM ' } })
      .then([
        {
          type: 'UserRegistrationWasStarted',
          data: { userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com', hashedPassword },
        },
      ]);
  });

  it('given registration was started, when registering the same user again, then it is refused', () => {
    given([
      {
        type: 'UserRegistrationWasStarted',
        data: { userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com', hashedPassword: 'other' },
      },
    ])
      .when(command)
      .thenThrows(UserRegistrationAlreadyStarted, (error) => expect(error.code).toBe('USER_REGISTRATION_ALREADY_STARTED'));
  });
});
