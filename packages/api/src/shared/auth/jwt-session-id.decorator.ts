import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './authenticated-user';

/** The session of the request's access token; the route must be guarded by `JwtAuthGuard`. */
export const JwtSessionId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const { user } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (user === undefined) {
    throw new Error('@JwtSessionId() used on a route without JwtAuthGuard');
  }
  return user.sessionId;
});
