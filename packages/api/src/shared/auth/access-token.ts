import type { FastifyRequest } from 'fastify';
import type { UserRole } from './user-role';

/** Browsers send the token in this httpOnly cookie; API clients use the Authorization header. */
export const ACCESS_TOKEN_COOKIE = 'access_token';

export type AccessTokenClaims = Readonly<{ sub: string; role: UserRole }>;

const BEARER = /^Bearer (\S+)$/i;

/** The header wins over the cookie, so an explicit token is never shadowed by a stale cookie. */
export function extractAccessToken(request: FastifyRequest): string | undefined {
  const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? request.cookies?.[ACCESS_TOKEN_COOKIE];
}
