import type { RegisterUser } from '../../../shared/commands/register-user.command';
import { normalizedEmailAddress } from '../../../shared/email-address';
import { UserRegistrationAlreadyStarted } from './errors';
import type { UserRegistrationDomainEvent } from './events';

/** The address is stored normalized: it is what login looks up and what the reservation holds. */
export function registerUser(
  pastEvents: UserRegistrationDomainEvent[],
  command: RegisterUser,
  hashedPassword: string,
): UserRegistrationDomainEvent[] {
  const started = pastEvents.some((event) => event.type === 'UserRegistrationWasStarted');
  if (started) {
    throw new UserRegistrationAlreadyStarted(command.data.userId);
  }

  const { userId, fullName } = command.data;
  const emailAddress = normalizedEmailAddress(command.data.emailAddress);
  return [{ type: 'UserRegistrationWasStarted', data: { userId, fullName, emailAddress, hashedPassword } }];
}
