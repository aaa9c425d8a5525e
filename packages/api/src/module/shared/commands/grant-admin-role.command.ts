import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

export type GrantAdminRole = DomainCommand<'GrantAdminRole', { userId: string }>;

export class GrantAdminRoleApplicationCommand extends AbstractApplicationCommand<GrantAdminRole> {}
