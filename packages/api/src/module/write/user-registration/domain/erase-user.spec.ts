import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { EraseUser } from '../../../shared/commands/erase-user.command';
import type { UserRegistrationWasCompleted } from '../../../shared/events/user-registration-was-completed.event';
import type { UserRegistrationWasStarted } from '../../../shared/events/user-registration-was-started.event';
import type { UserWasErased } from '../../../shared/events/user-was-erased.event';
import { eraseUser, type CheckedErasure } from './erase-user';
import { UserAlreadyErased, UserNotFound, WrongPassword } from './errors';
import type { UserRegistrationDomainEvent } from './events';

const registration = { userId: 'user-1', fullName: 'Jan Kowalski', emailAddress: 'jan@example.com', hashedPassword: 'scrypt$hash' };
const started: UserRegistrationWasStarted = { type: 'UserRegistrationWasStarted', data: registration };
const completed: UserRegistrationWasCompleted = { type: 'UserRegistrationWasCompleted', data: registration };
const byUser: EraseUser = { type: 'EraseUser', data: { userId: 'user-1', erasedBy: { kind: 'user', password: 'secret' } } };
const byAdmin: EraseUser = { type: 'EraseUser', data: { userId: 'user-1', erasedBy: { kind: 'admin' } } };
const erased = (erasedBy: 'user' | 'admin'): UserWasErased => ({ type: 'UserWasErased', data: { userId: 'user-1', emailAddress: 'jan@example.com', erasedBy } });
const givenChecked = (checked: CheckedErasure) =>
  DeciderSpecification.for((pastEvents: UserRegistrationDomainEvent[], command: EraseUser) => eraseUser(pastEvents, command, checked));

describe('erase user', () => {
  it('given a completed registration and the right password, when the user erases it, then the user was erased with the address to release', () => {
    givenChecked({ passwordMatches: true })([started, completed]).when(byUser).then([erased('user')]);
  });

  it('given a registration never confirmed, when an administrator erases it, then the user was erased', () => {
    givenChecked('requested-by-admin')([started]).when(byAdmin).then([erased('admin')]);
  });

  it('given a wrong password, when the user erases the account, then it is refused', () => {
    givenChecked({ passwordMatches: false })([started, completed]).when(byUser).thenThrows(WrongPassword);
  });

  it('given no registration, when erasing, then it is refused as not found', () => {
    givenChecked('requested-by-admin')([]).when(byAdmin).thenThrows(UserNotFound);
  });

  it('given an erased user, when erasing again, then it is refused as gone', () => {
    givenChecked('requested-by-admin')([started, completed, erased('user')]).when(byAdmin).thenThrows(UserAlreadyErased);
  });
});
