import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './authenticated-user';

/** The authenticated user's id; the route must be guarded by `JwtAuthGuard`. */
export const JwtUserId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const { user } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (user === undefined) {
    throw new Error('@JwtUserId() used on a route without JwtAuthGuard');
  }
  return user.userId;
});
