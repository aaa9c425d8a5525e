import { JwtService } from '@nestjs/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessTokenWithSession } from './support/sessions';
import { TEST_JWT_SECRET, testAppPerFile } from './support/test-app';
import {
  adminAccessToken,
  DEFAULT_TEST_PASSWORD,
  eventually,
  postLogin,
  postRegistration,
  registerConfirmedUser,
  storedEvents,
  TEST_ADMIN_ENV,
  type TestUser,
  uniqueEmail,
} from './support/users';

const base64Url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('users: security', () => {
  const app = testAppPerFile(TEST_ADMIN_ENV);
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([registerConfirmedUser(app, { fullName: 'Alice' }), registerConfirmedUser(app, { fullName: 'Bob' })]);
  });

  describe('login', () => {
    it('given a registration not yet confirmed, then the right password answers 403 EMAIL_NOT_CONFIRMED', async () => {
      const email = uniqueEmail('unconfirmed');
      expect((await postRegistration(app, { email })).status).toBe(201);
      await eventually(async () => {
        const { rows } = await app.database.pool.query('SELECT 1 FROM auth_users WHERE email_address = $1', [email]);
        return rows.length > 0 ? true : undefined;
      }, 'the account row');

      const response = await postLogin(app, { email, password: DEFAULT_TEST_PASSWORD });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ statusCode: 403, code: 'EMAIL_NOT_CONFIRMED', message: 'Confirm your email address first' });
    });

    it('given a wrong password or an unknown address, then the same 401 INVALID_CREDENTIALS, in comparable time', async () => {
      const timed = async (credentials: { email: string; password: string }) => {
        const started = performance.now();
        const response = await postLogin(app, credentials);
        return { status: response.status, body: await response.json(), ms: performance.now() - started };
      };
      const wrongPassword = await timed({ email: alice.email, password: 'not the password' });
      const unknownEmail = await timed({ email: uniqueEmail('ghost'), password: 'not the password' });

      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' });
      expect(unknownEmail.body).toEqual(wrongPassword.body);
      // Both spend a scrypt verification; an unknown address must not answer in a fraction of the time.
      expect(unknownEmail.ms).toBeGreaterThan(wrongPassword.ms / 4);
    });

    it('given repeated failures for one address from one client, then 429 TOO_MANY_LOGIN_ATTEMPTS, even with the right password', async () => {
      const user = await registerConfirmedUser(app);
      const statuses = [];
      for (let attempt = 0; attempt < 5; attempt++) statuses.push((await postLogin(app, { email: user.email, password: 'wrong password' })).status);
      const blocked = await postLogin(app, { email: user.email, password: user.password });

      expect(statuses).toEqual([401, 401, 401, 401, 401]);
      expect(blocked.status).toBe(429);
      expect(await blocked.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
      // Another address from the same client is not affected.
      expect((await postLogin(app, { email: alice.email, password: alice.password })).status).toBe(200);
    });
  });

  describe('tokens', () => {
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const me = (token: string) => app.http('/api/users/me', { token });

    it.each([
      ['expired', () => jwt.sign({ sub: alice.userId, role: 'user' }, { expiresIn: -10 })],
      ['signed with another secret', () => jwt.sign({ sub: alice.userId, role: 'user' }, { secret: 'another-secret-that-is-long-enough-too' })],
      ['unsigned (alg: none)', () => `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url({ sub: alice.userId, role: 'admin' })}.`],
      [
        'forged (payload changed after signing)',
        () => {
          const [header, , signature] = alice.accessToken.split('.');
          return `${header}.${base64Url({ sub: bob.userId, role: 'admin', iat: Math.floor(Date.now() / 1000) })}.${signature}`;
        },
      ],
      ['signed with the right secret but HS512', () => jwt.sign({ sub: alice.userId, role: 'user' }, { algorithm: 'HS512' })],
      ['garbage', () => 'not-a-token'],
    ])('given a token that is %s, then 401', async (_kind, token) => {
      const response = await me(token());

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    });

    it('given no token, then every protected endpoint answers 401', async () => {
      for (const [path, method] of [
        ['/api/users/me', 'GET'],
        ['/api/users', 'GET'],
        ['/api/courses', 'GET'],
        ['/api/courses', 'POST'],
      ] as const) {
        const response = await app.http(path, { method, body: method === 'POST' ? {} : undefined });
        expect(response.status, `${method} ${path}`).toBe(401);
      }
    });
  });

  describe('whose data', () => {
    it('given two users, then /users/me shows each only their own profile', async () => {
      const aliceSees = await (await app.http('/api/users/me', { token: alice.accessToken })).json();
      const bobSees = await (await app.http('/api/users/me', { token: bob.accessToken })).json();

      expect(aliceSees).toEqual({ id: alice.userId, fullName: 'Alice', email: alice.email, image: null, role: 'user' });
      expect(bobSees).toEqual({ id: bob.userId, fullName: 'Bob', email: bob.email, image: null, role: 'user' });
    });

    it('given a valid token of a user without a profile, then /users/me answers 404', async () => {
      const token = await accessTokenWithSession(app.running, '2f1c3b7e-8a44-4c61-9d0e-5b3f1a6c7d89');
      const response = await app.http('/api/users/me', { token });

      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'USER_PROFILE_NOT_FOUND' });
    });

    it('given a non-admin, then the admin endpoints answer 403 and nothing is created', async () => {
      const before = (await storedEvents(app, 'CourseWasCreated')).length;
      const responses = await Promise.all([
        app.http('/api/users', { token: alice.accessToken }),
        app.http('/api/courses', { token: alice.accessToken }),
        app.http('/api/courses', {
          method: 'POST',
          token: alice.accessToken,
          body: { name: 'Mine', startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-02-01T00:00:00Z' },
        }),
      ]);

      for (const response of responses) {
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      }
      expect((await storedEvents(app, 'CourseWasCreated')).length).toBe(before);
    });

    it('given an admin, then the same endpoints open', async () => {
      const token = await adminAccessToken(app);

      expect((await app.http('/api/users', { token })).status).toBe(200);
      expect((await app.http('/api/courses', { token })).status).toBe(200);
    });
  });

  describe('one address, many registrations at once', () => {
    it('given 20 parallel registrations with one address (in varying case), then one 201 and 19 × 409 EMAIL_ALREADY_REGISTERED', async () => {
      const email = uniqueEmail('race');
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => postRegistration(app, { email: i % 2 === 0 ? email : email.toUpperCase(), fullName: `Racer ${i}` })),
      );
      const statuses = responses.map((response) => response.status);

      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      const conflicts = await Promise.all(responses.filter((response) => response.status === 409).map((response) => response.json()));
      expect(new Set(conflicts.map((body) => (body as { code: string }).code))).toEqual(new Set(['EMAIL_ALREADY_REGISTERED']));

      const started = await storedEvents<{ emailAddress: string }>(app, 'UserRegistrationWasStarted');
      expect(started.filter((event) => event.data.emailAddress === email)).toHaveLength(1);
      const reserved = await storedEvents<{ emailAddress: string }>(app, 'EmailAddressWasReserved');
      expect(reserved.filter((event) => event.data.emailAddress === email)).toHaveLength(1);
    });
  });
});
