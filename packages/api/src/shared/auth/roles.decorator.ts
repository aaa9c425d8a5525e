import { SetMetadata } from '@nestjs/common';
import type { UserRole } from './user-role';

export const REQUIRED_ROLES = Symbol('REQUIRED_ROLES');

/** Restricts a route or controller to users holding one of `roles`; enforced by `RolesGuard`. */
export const Roles = (...roles: UserRole[]) => SetMetadata(REQUIRED_ROLES, roles);
