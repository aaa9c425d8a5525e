import { StreamName } from '@coderscamp/event-sourcing';
import type { UserRegistrationWasCompleted } from '../../../shared/events/user-registration-was-completed.event';
import type { UserRegistrationWasStarted } from '../../../shared/events/user-registration-was-started.event';

export type UserRegistrationDomainEvent = UserRegistrationWasStarted | UserRegistrationWasCompleted;

export function userRegistrationStream(userId: string): StreamName {
  return StreamName.of('UserRegistration', userId);
}
