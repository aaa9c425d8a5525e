import { StreamName } from '@coderscamp/event-sourcing';
import type { UserWasGrantedAdminRole } from '../../../shared/events/user-was-granted-admin-role.event';

export type UserRolesDomainEvent = UserWasGrantedAdminRole;

export function userRolesStream(userId: string): StreamName {
  return StreamName.of('UserRoles', userId);
}
