import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { GrantAdminRoleApplicationCommand } from '../../../shared/commands/grant-admin-role.command';
import { grantAdminRole } from '../domain/grant-admin-role';
import { userRolesStream } from '../domain/events';

export const GrantAdminRoleCommandHandler = decidingCommandHandler(GrantAdminRoleApplicationCommand, {
  stream: (command) => userRolesStream(command.data.userId),
  decide: grantAdminRole,
});
