import { createHmac, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { RELIABILITY_JWT_SECRET } from './app-process';

type Claims = Record<string, unknown>;

const base64Url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const encode = (header: Claims, claims: Claims) => `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
const now = () => Math.floor(Date.now() / 1000);

export function hmacToken(claims: Claims, secret = RELIABILITY_JWT_SECRET, alg: 'HS256' | 'HS384' | 'HS512' = 'HS256'): string {
  const unsigned = encode({ alg, typ: 'JWT' }, claims);
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  return `${unsigned}.${createHmac(hash, secret).update(unsigned).digest('base64url')}`;
}

/**
 * A token signed as the app signs its own. The app honours it only with the id of an open session
 * (see `openSessionToken`); without one it reaches no further than the guard.
 */
export function validToken(userId: string = randomUUID(), role: 'user' | 'admin' = 'user', sessionId?: string): string {
  return hmacToken({ sub: userId, role, ...(sessionId === undefined ? {} : { sid: sessionId }), iat: now(), exp: now() + 3_600 });
}

/** Every way a token can be wrong; each must be answered 401. */
export function hostileTokens(userId: string): Record<string, string> {
  const claims = { sub: userId, role: 'user', iat: now(), exp: now() + 3_600 };
  const valid = hmacToken(claims);
  const [header, , signature] = valid.split('.');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsUnsigned = encode({ alg: 'RS256', typ: 'JWT' }, claims);
  return {
    expired: hmacToken({ ...claims, iat: now() - 7_200, exp: now() - 3_600 }),
    'not yet valid': hmacToken({ ...claims, nbf: now() + 3_600 }),
    forged: `${header}.${base64Url(JSON.stringify(claims))}.${base64Url('not a signature at all')}`,
    'alg none': `${encode({ alg: 'none', typ: 'JWT' }, claims)}.`,
    'alg none, uppercase': `${encode({ alg: 'NONE', typ: 'JWT' }, claims)}.`,
    'wrong algorithm (HS512, right secret)': hmacToken(claims, RELIABILITY_JWT_SECRET, 'HS512'),
    'wrong algorithm (RS256)': `${rsUnsigned}.${sign('sha256', Buffer.from(rsUnsigned), privateKey).toString('base64url')}`,
    'other secret': hmacToken(claims, 'some-other-secret-that-is-long-enough-too'),
    'tampered claims (admin role, same signature)': `${header}.${base64Url(JSON.stringify({ ...claims, role: 'admin' }))}.${signature}`,
    'missing subject': hmacToken({ role: 'user', iat: now(), exp: now() + 3_600 }),
    'unknown role': hmacToken({ ...claims, role: 'superuser' }),
    'empty string': '',
    'garbage': 'not.a.jwt',
  };
}
