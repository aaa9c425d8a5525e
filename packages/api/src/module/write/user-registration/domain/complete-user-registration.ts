import type { CompleteUserRegistration } from '../../../shared/commands/complete-user-registration.command';
import type { UserRegistrationWasStarted } from '../../../shared/events/user-registration-was-started.event';
import { UserAlreadyErased, UserRegistrationAlreadyCompleted, UserRegistrationNotStarted } from './errors';
import type { UserRegistrationDomainEvent } from './events';

type UserRegistration =
  | { status: 'not-started' }
  | { status: 'started' | 'completed'; registration: UserRegistrationWasStarted['data'] }
  | { status: 'erased' };

export function completeUserRegistration(
  pastEvents: UserRegistrationDomainEvent[],
  command: CompleteUserRegistration,
): UserRegistrationDomainEvent[] {
  const state = pastEvents.reduce<UserRegistration>((registration, event) => {
    switch (event.type) {
      case 'UserRegistrationWasStarted':
        return { status: 'started', registration: event.data };
      case 'UserRegistrationWasCompleted':
        return { status: 'completed', registration: event.data };
      case 'UserWasErased':
        return { status: 'erased' };
      default:
        return registration;
    }
  }, { status: 'not-started' });

  if (state.status === 'not-started') {
    throw new UserRegistrationNotStarted(command.data.userId);
  }
  if (state.status === 'completed') {
    throw new UserRegistrationAlreadyCompleted(command.data.userId);
  }
  // A confirmation approved before the erasure may still be on its way: it completes nothing.
  if (state.status === 'erased') {
    throw new UserAlreadyErased(command.data.userId);
  }

  const { userId, fullName, emailAddress, hashedPassword } = state.registration;
  return [{ type: 'UserRegistrationWasCompleted', data: { userId, fullName, emailAddress, hashedPassword } }];
}
