import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** Fields left out stay as they are. */
export type ChangeUserProfile = DomainCommand<'ChangeUserProfile', { userId: string; fullName?: string; image?: string }>;

export class ChangeUserProfileApplicationCommand extends AbstractApplicationCommand<ChangeUserProfile> {}
