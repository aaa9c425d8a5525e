import type { CompleteUserRegistration } from '../../../shared/commands/complete-user-registration.command';
import type { UserRegistrationWasStarted } from '../../../shared/events/user-registration-was-started.event';
import { UserRegistrationAlreadyCompleted, UserRegistrationNotStarted } from './errors';
import type { UserRegistrationDomainEvent } from './events';

type UserRegistration =
  | { status: 'not-started' }
  | { status: 'started' | 'completed'; registration: UserRegistrationWasStarted['data'] };

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

  const { userId, fullName, emailAddress, hashedPassword } = state.registration;
  return [{ type: 'UserRegistrationWasCompleted', data: { userId, fullName, emailAddress, hashedPassword } }];
}
