import { StreamName } from '@coderscamp/event-sourcing';
import type { UserRegistrationWasCompleted } from '../../../shared/events/user-registration-was-completed.event';
import type { UserProfileWasChanged } from '../../../shared/events/user-profile-was-changed.event';
import type { UserRegistrationWasStarted } from '../../../shared/events/user-registration-was-started.event';
import type { UserWasErased } from '../../../shared/events/user-was-erased.event';

/** The account's stream: registration, then the profile changes its owner makes, and its erasure. */
export type UserRegistrationDomainEvent = UserRegistrationWasStarted | UserRegistrationWasCompleted | UserProfileWasChanged | UserWasErased;

export function userRegistrationStream(userId: string): StreamName {
  return StreamName.of('UserRegistration', userId);
}
