import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './authenticated-user';
import { REQUIRED_ROLES } from './roles.decorator';
import { RoleLookup } from './role-lookup';
import type { UserRole } from './user-role';

/**
 * Checks `@Roles(...)`; place it after `JwtAuthGuard`, which establishes the user. The role is the
 * one the account holds now, not the token's claim: 403 FORBIDDEN for an account that is not (or
 * no longer) in a required role, and for one that does not exist, alike.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly roles: RoleLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required === undefined || required.length === 0) return true;

    const { user } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (user === undefined) throw new UnauthorizedException('Missing access token');
    const role = await this.roles.roleOf(user.userId);
    if (role === undefined || !required.includes(role)) throw new ForbiddenException('Insufficient role');
    return true;
  }
}
