import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * A user changed their profile. Only the fields that changed are present: read models that show
 * the name or the avatar update those and keep the rest.
 */
export type UserProfileWasChanged = DomainEvent<'UserProfileWasChanged', { userId: string; fullName?: string; image?: string }>;
