import { StreamName } from '@coderscamp/event-sourcing';
import type { UserRegistrationWasCompleted } from '../../../shared/events/user-registration-was-completed.event';
import type { UserProfileWasChanged } from '../../../shared/events/user-profile-was-changed.event';
import type { UserRegistrationWasStarted } from '../../../shared/events/user-registration-was-started.event';

/** The account's stream: registration, then the profile changes its owner makes. */
export type UserRegistrationDomainEvent = UserRegistrationWasStarted | UserRegistrationWasCompleted | UserProfileWasChanged;

export function userRegistrationStream(userId: string): StreamName {
  return StreamName.of('UserRegistration', userId);
}
