import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { describe, expect, it } from 'vitest';
import { accessTokenWithSession } from './support/sessions';
import { TEST_JWT_SECRET, testAppPerFile } from './support/test-app';
import { adminAccessToken, registerConfirmedUser, TEST_ADMIN_ENV } from './support/users';

describe('admin routes check the account, not the token’s claims', () => {
  const app = testAppPerFile(TEST_ADMIN_ENV);
  const jwt = new JwtService({ secret: TEST_JWT_SECRET });

  const listUsers = (token: string) => app.http('/api/users', { token });

  it('given the seeded admin’s login, then GET /api/users answers 200', async () => {
    expect((await listUsers(await adminAccessToken(app))).status).toBe(200);
  });

  it('given a validly signed admin token for a user id that does not exist, then GET /api/users is refused (401, it names no session)', async () => {
    const response = await listUsers(jwt.sign({ sub: randomUUID(), role: 'admin' }, { algorithm: 'HS256', expiresIn: 3600 }));

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, code: 'SESSION_ENDED' });
  });

  it('given a validly signed admin token with an open session for a user id that does not exist, then GET /api/users answers 403 FORBIDDEN', async () => {
    const response = await listUsers(await accessTokenWithSession(app.running, randomUUID(), 'admin'));

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('given a validly signed token claiming admin for a real non-admin user, with that user’s own open session, then GET /api/users answers 403 FORBIDDEN', async () => {
    const user = await registerConfirmedUser(app);
    const sessionId = (JSON.parse(Buffer.from(user.accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
    const claimingAdmin = jwt.sign({ sub: user.userId, role: 'admin', sid: sessionId }, { algorithm: 'HS256', expiresIn: 3600 });
    const me = await app.http('/api/users/me', { token: claimingAdmin });
    expect([me.status, ((await me.json()) as { role: string }).role]).toEqual([200, 'user']);

    const response = await listUsers(claimingAdmin);

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });
});
