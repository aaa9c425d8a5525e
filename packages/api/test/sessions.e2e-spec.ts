import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_COOKIE } from '../src/shared/auth/access-token';
import { EventFeedClient, feedUrl, refusalOf } from './support/event-feed-client';
import { testAppPerFile } from './support/test-app';
import { countStoredEvents, postLogin, registerConfirmedUser, storedEvents, type TestUser } from './support/users';

type SessionsBody = { items: { id: string; createdAt: string; lastSeenAt: string; userAgent: string | null; current: boolean }[] };

describe('sessions: logout ends the token, sessions list and end, password change', () => {
  const app = testAppPerFile();

  const me = (token: string) => app.http('/api/users/me', { token });
  const logout = (token?: string) => app.http('/api/auth/logout', { method: 'POST', token });
  const sessionsOf = async (token: string) => {
    const response = await app.http('/api/auth/sessions', { token });
    expect(response.status).toBe(200);
    return ((await response.json()) as SessionsBody).items;
  };
  /** A further login of the user, from a client calling itself `userAgent`. */
  const loginAgain = async (user: TestUser, userAgent = 'second-device/1.0') => {
    const response = await app.http('/api/auth/login', { method: 'POST', headers: { 'user-agent': userAgent }, body: { email: user.email, password: user.password } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const expectSessionEnded = async (response: Response) => {
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, code: 'SESSION_ENDED' });
  };

  describe('logout', () => {
    it('given a bearer token, when logging out with it, then 204, the cookie is cleared and the next request with the token answers 401 SESSION_ENDED', async () => {
      const user = await registerConfirmedUser(app);
      expect((await me(user.accessToken)).status).toBe(200);

      const response = await logout(user.accessToken);

      expect(response.status).toBe(204);
      expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${ACCESS_TOKEN_COOKIE}=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)`, 'i'));
      await expectSessionEnded(await me(user.accessToken));
    });

    it('given the login cookie, when logging out with the cookie alone, then the cookie no longer authenticates (401 SESSION_ENDED)', async () => {
      const user = await registerConfirmedUser(app);
      const login = await postLogin(app, { email: user.email, password: user.password });
      const token = ((await login.json()) as { accessToken: string }).accessToken;
      const cookie = `${ACCESS_TOKEN_COOKIE}=${token}`;
      expect((await app.http('/api/users/me', { headers: { cookie } })).status).toBe(200);

      expect((await app.http('/api/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(204);

      await expectSessionEnded(await app.http('/api/users/me', { headers: { cookie } }));
    });

    it('given one of two sessions logs out, then only that one ends', async () => {
      const user = await registerConfirmedUser(app);
      const other = await loginAgain(user);

      expect((await logout(other)).status).toBe(204);

      expect((await me(user.accessToken)).status).toBe(200);
      await expectSessionEnded(await me(other));
    });

    it('given no token, a garbage token, or a token of an ended session, when logging out, then 204 anyway and nothing is appended', async () => {
      const user = await registerConfirmedUser(app);
      expect((await logout(user.accessToken)).status).toBe(204);
      const before = await countStoredEvents(app, ['UserSession']);

      for (const token of [undefined, 'not-a-jwt', user.accessToken]) {
        const response = await logout(token);
        expect(response.status, String(token)).toBe(204);
        expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${ACCESS_TOKEN_COOKIE}=;`));
      }

      expect(await countStoredEvents(app, ['UserSession'])).toBe(before);
    });
  });

  describe('GET /auth/sessions and DELETE /auth/sessions/{id}', () => {
    it('given two logins, then both open sessions are listed, newest first, with their user agents and the current one marked', async () => {
      const user = await registerConfirmedUser(app);
      const second = await loginAgain(user, 'phone-browser/2.0');

      const sessions = await sessionsOf(second);

      expect(sessions).toHaveLength(2);
      expect(sessions.map(({ current, userAgent }) => ({ current, userAgent }))).toEqual([
        { current: true, userAgent: 'phone-browser/2.0' },
        { current: false, userAgent: 'node' },
      ]);
      for (const session of sessions) {
        expect(session.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(Date.parse(session.createdAt)).not.toBeNaN();
        expect(Date.parse(session.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(session.createdAt));
      }
      expect((await sessionsOf(user.accessToken)).find((session) => session.current)?.id).toBe(sessions[1]!.id);
    });

    it('given an own other session, when deleting it, then 204, its token answers 401 SESSION_ENDED and it leaves the list', async () => {
      const user = await registerConfirmedUser(app);
      const other = await loginAgain(user);
      const otherId = (await sessionsOf(other)).find((session) => session.current)!.id;

      expect((await app.http(`/api/auth/sessions/${otherId}`, { method: 'DELETE', token: user.accessToken })).status).toBe(204);

      await expectSessionEnded(await me(other));
      expect((await sessionsOf(user.accessToken)).map((session) => session.id)).not.toContain(otherId);
    });

    it('given another user’s session id or an unknown one, when deleting it, then 404 SESSION_NOT_FOUND, nothing appended and the other user’s token still works', async () => {
      const alice = await registerConfirmedUser(app);
      const bob = await registerConfirmedUser(app);
      const bobsSession = (await sessionsOf(bob.accessToken))[0]!.id;
      const before = await countStoredEvents(app, ['UserSession']);

      for (const id of [bobsSession, '3f2b7c1e-9a8d-4e6f-b5c4-d3e2f1a0b9c8']) {
        const response = await app.http(`/api/auth/sessions/${id}`, { method: 'DELETE', token: alice.accessToken });
        expect(response.status, id).toBe(404);
        expect(await response.json()).toMatchObject({ statusCode: 404, code: 'SESSION_NOT_FOUND' });
      }

      expect(await countStoredEvents(app, ['UserSession'])).toBe(before);
      expect((await me(bob.accessToken)).status).toBe(200);
    });

    it.each([['not-a-uuid'], ['1234'], ['3f2b7c1e-9a8d-4e6f-b5c4-d3e2f1a0b9c8x']])(
      'given the id %s, when deleting it, then 400 VALIDATION_FAILED and nothing appended',
      async (id) => {
        const user = await registerConfirmedUser(app);
        const before = await countStoredEvents(app, ['UserSession']);

        const response = await app.http(`/api/auth/sessions/${id}`, { method: 'DELETE', token: user.accessToken });

        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
        expect(await countStoredEvents(app, ['UserSession'])).toBe(before);
      },
    );

    it('given no token, then listing and deleting answer 401', async () => {
      expect((await app.http('/api/auth/sessions')).status).toBe(401);
      expect((await app.http('/api/auth/sessions/3f2b7c1e-9a8d-4e6f-b5c4-d3e2f1a0b9c8', { method: 'DELETE' })).status).toBe(401);
    });
  });

  describe('PUT /users/me/password', () => {
    const changePassword = (token: string, body: unknown) => app.http('/api/users/me/password', { method: 'PUT', token, body });

    it('given the right current password, then 204, the other sessions end, this one stays, the old password no longer logs in and the new one does', async () => {
      const user = await registerConfirmedUser(app);
      const other = await loginAgain(user);
      const newPassword = 'a brand new passphrase';

      const response = await changePassword(user.accessToken, { currentPassword: user.password, newPassword });

      expect(response.status).toBe(204);
      expect((await me(user.accessToken)).status).toBe(200);
      await expectSessionEnded(await me(other));
      const oldLogin = await postLogin(app, { email: user.email, password: user.password });
      expect(oldLogin.status).toBe(401);
      expect(await oldLogin.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect((await postLogin(app, { email: user.email, password: newPassword })).status).toBe(200);
      const [changed] = (await storedEvents<{ userId: string; hashedPassword: string }>(app, 'PasswordWasChanged')).filter(
        (event) => event.data.userId === user.userId,
      );
      expect(changed!.data.hashedPassword).toMatch(/^scrypt\$/);
      expect(JSON.stringify(changed)).not.toContain(newPassword);
    });

    it('given a wrong current password, then 403 INVALID_CREDENTIALS, nothing appended and every session stays open', async () => {
      const user = await registerConfirmedUser(app);
      const other = await loginAgain(user);
      const before = await countStoredEvents(app, ['PasswordChange', 'UserSession']);

      const response = await changePassword(user.accessToken, { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });

      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ statusCode: 403, code: 'INVALID_CREDENTIALS' });
      expect(await countStoredEvents(app, ['PasswordChange', 'UserSession'])).toBe(before);
      expect((await me(other)).status).toBe(200);
      expect((await postLogin(app, { email: user.email, password: user.password })).status).toBe(200);
    });

    it.each([
      ['a new password of 7 characters', { currentPassword: 'x', newPassword: '1234567' }],
      ['a new password of 129 characters', { currentPassword: 'x', newPassword: 'a'.repeat(129) }],
      ['no current password', { newPassword: 'a brand new passphrase' }],
      ['an empty current password', { currentPassword: '', newPassword: 'a brand new passphrase' }],
      ['a number as new password', { currentPassword: 'x', newPassword: 123456789 }],
      ['an unknown field', { currentPassword: 'x', newPassword: 'a brand new passphrase', role: 'admin' }],
    ])('given %s, then 400 VALIDATION_FAILED and nothing appended', async (_case, body: Record<string, unknown>) => {
      const user = await registerConfirmedUser(app);
      const before = await countStoredEvents(app, ['PasswordChange']);

      // 'x' stands for the user's real current password: only the other fault may be refused.
      const response = await changePassword(user.accessToken, { ...body, ...(body.currentPassword === 'x' ? { currentPassword: user.password } : {}) });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(await countStoredEvents(app, ['PasswordChange'])).toBe(before);
    });

    it.each(['12345678', 'password', 'qwertyuiop'])('given the new password %s, easy to guess, then 400 WEAK_PASSWORD with advice and nothing appended', async (newPassword) => {
      const user = await registerConfirmedUser(app);
      const before = await countStoredEvents(app, ['PasswordChange']);

      const response = await changePassword(user.accessToken, { currentPassword: user.password, newPassword });

      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('WEAK_PASSWORD');
      expect(body.message).toMatch(/guess/i);
      expect(await countStoredEvents(app, ['PasswordChange'])).toBe(before);
    });

    it('given a token of an ended session, then 401 SESSION_ENDED and nothing appended', async () => {
      const user = await registerConfirmedUser(app);
      await logout(user.accessToken);
      const before = await countStoredEvents(app, ['PasswordChange']);

      await expectSessionEnded(await changePassword(user.accessToken, { currentPassword: user.password, newPassword: 'a brand new passphrase' }));
      expect(await countStoredEvents(app, ['PasswordChange'])).toBe(before);
    });
  });

  describe('WebSocket handshake', () => {
    it('given a token whose session ended, then the handshake is refused with 401 SESSION_ENDED', async () => {
      const user = await registerConfirmedUser(app);
      const open = await EventFeedClient.connect(feedUrl(app.url, { access_token: user.accessToken }));
      await open.close();
      await logout(user.accessToken);

      expect(await refusalOf(EventFeedClient.connect(feedUrl(app.url, { access_token: user.accessToken })))).toEqual({
        status: 401,
        body: { statusCode: 401, code: 'SESSION_ENDED', message: expect.any(String) },
      });
    });
  });
});
