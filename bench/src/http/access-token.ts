import { createHmac } from 'node:crypto';

const HOUR_SECONDS = 3600;

/** An access token as the app issues it (HS256, `{ sub, role, sid }`), signed with its JWT_SECRET; the session must be open. */
export function signAccessToken(secret: string, userId: string, sessionId: string, role: 'user' | 'admin' = 'user'): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: userId, role, sid: sessionId, iat: now, exp: now + HOUR_SECONDS })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
