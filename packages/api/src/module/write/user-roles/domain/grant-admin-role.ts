import type { GrantAdminRole } from '../../../shared/commands/grant-admin-role.command';
import type { UserRolesDomainEvent } from './events';

/**
 * Granting to an admin changes nothing instead of failing: the first admin is granted at every
 * start-up, and `grant-admin` run twice should still succeed.
 */
export function grantAdminRole(pastEvents: UserRolesDomainEvent[], command: GrantAdminRole): UserRolesDomainEvent[] {
  const isAdmin = pastEvents.some((event) => event.type === 'UserWasGrantedAdminRole');
  if (isAdmin) return [];

  return [{ type: 'UserWasGrantedAdminRole', data: { userId: command.data.userId } }];
}
