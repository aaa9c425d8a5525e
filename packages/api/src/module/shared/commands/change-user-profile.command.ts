import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** Fields left out stay as they are. */
export type ChangeUserProfile = DomainCommand<'ChangeUserProfile', { userId: string; fullName?: string; image?: string }>;

export type UserProfile = Readonly<{ userId: string; fullName: string; emailAddress: string; image: string | null }>;

/** Answers the profile as the change left it. */
export class ChangeUserProfileApplicationCommand extends AbstractApplicationCommand<ChangeUserProfile, UserProfile> {}
