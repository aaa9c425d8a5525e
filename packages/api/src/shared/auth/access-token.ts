import type { FastifyRequest } from 'fastify';
import type { UserRole } from './user-role';

/** Browsers send the token in this httpOnly cookie; API clients use the Authorization header. */
export const ACCESS_TOKEN_COOKIE = 'access_token';

/** `sid` names the session the token belongs to: the token is honoured only while that session is open. */
export type AccessTokenClaims = Readonly<{ sub: string; role: UserRole; sid: string }>;

const BEARER = /^Bearer (\S+)$/i;

/** The header wins over the cookie, so an explicit token is never shadowed by a stale cookie. */
export function extractAccessToken(request: FastifyRequest): string | undefined {
  const bearer = BEARER.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? request.cookies?.[ACCESS_TOKEN_COOKIE];
}

/**
 * A WebSocket handshake, where browsers cannot set headers: `?access_token=` first, then the
 * Authorization header, then the cookie.
 */
export function extractHandshakeAccessToken(url: URL, headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined {
  const fromQuery = url.searchParams.get(ACCESS_TOKEN_COOKIE);
  if (fromQuery) return fromQuery;
  const authorization = typeof headers.authorization === 'string' ? headers.authorization : '';
  return BEARER.exec(authorization)?.[1] ?? cookieValue(typeof headers.cookie === 'string' ? headers.cookie : '', ACCESS_TOKEN_COOKIE);
}

function cookieValue(cookieHeader: string, name: string): string | undefined {
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return decodedOrUndefined(pair.slice(separator + 1).trim());
  }
  return undefined;
}

function decodedOrUndefined(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
