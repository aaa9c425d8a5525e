import type { ChangeUserProfile, UserProfile } from '../../../shared/commands/change-user-profile.command';
import { UserProfileChangeEmpty, UserProfileNotFound } from './errors';
import type { UserRegistrationDomainEvent } from './events';

/** The profile as the account's events leave it; undefined until the registration completed, and after an erasure. */
export function evolveUserProfile(profile: UserProfile | undefined, event: UserRegistrationDomainEvent): UserProfile | undefined {
  switch (event.type) {
    case 'UserRegistrationWasCompleted': {
      const { userId, fullName, emailAddress } = event.data;
      return { userId, fullName, emailAddress, image: null };
    }
    case 'UserProfileWasChanged':
      return profile && { ...profile, fullName: event.data.fullName ?? profile.fullName, image: event.data.image ?? profile.image };
    // An erased account has no profile left to show or change.
    case 'UserWasErased':
      return undefined;
    default:
      return profile;
  }
}

export function userProfileOf(events: readonly UserRegistrationDomainEvent[]): UserProfile | undefined {
  return events.reduce(evolveUserProfile, undefined);
}

/** Records only the fields that differ from the profile now: repeating a change appends nothing. */
export function changeUserProfile(pastEvents: UserRegistrationDomainEvent[], command: ChangeUserProfile): UserRegistrationDomainEvent[] {
  const { userId, fullName, image } = command.data;
  if (fullName === undefined && image === undefined) throw new UserProfileChangeEmpty(userId);
  const profile = userProfileOf(pastEvents);
  if (profile === undefined) throw new UserProfileNotFound(userId);

  const changed = {
    ...(fullName !== undefined && fullName !== profile.fullName ? { fullName } : {}),
    ...(image !== undefined && image !== profile.image ? { image } : {}),
  };
  if (Object.keys(changed).length === 0) return [];
  return [{ type: 'UserProfileWasChanged', data: { userId, ...changed } }];
}
