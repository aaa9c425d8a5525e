import type { RegisterUser } from '../../../shared/commands/register-user.command';
import { UserRegistrationAlreadyStarted } from './errors';
import type { UserRegistrationDomainEvent } from './events';

export function registerUser(
  pastEvents: UserRegistrationDomainEvent[],
  command: RegisterUser,
  hashedPassword: string,
): UserRegistrationDomainEvent[] {
  const started = pastEvents.some((event) => event.type === 'UserRegistrationWasStarted');
  if (started) {
    throw new UserRegistrationAlreadyStarted(command.data.userId);
  }

  const { userId, fullName, emailAddress } = command.data;
  return [{ type: 'UserRegistrationWasStarted', data: { userId, fullName, emailAddress, hashedPassword } }];
}
