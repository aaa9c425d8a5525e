import { StreamName } from '@coderscamp/event-sourcing';
import { describe, expect, it } from 'vitest';
import type { PasswordResetWasRequested } from '../src/module/shared/events/password-reset-was-requested.event';
import { passwordResetSecretHash } from '../src/module/shared/password-reset-token';
import { EventStoreFixtures } from './support/event-store-fixtures';
import { testAppPerFile } from './support/test-app';
import { countStoredEvents, eventually, postLogin, registerConfirmedUser, storedEvents, type TestUser, uniqueEmail } from './support/users';

const NEW_PASSWORD = 'violet ocean tractor 42';
const RESET_LINK = /\/reset-password\?token=([^\s"<&]+)/;

describe('password reset', () => {
  const app = testAppPerFile({ APP_URL: 'https://app.example.com' });

  const requestReset = (email: string) => app.http('/api/auth/password-reset', { method: 'POST', body: { email } });
  const confirmReset = (token: string, newPassword = NEW_PASSWORD) =>
    app.http('/api/auth/password-reset/confirmation', { method: 'POST', body: { token, newPassword } });

  /** The token of the `nth` (1-based) reset mail to `email`, waiting for it to arrive. */
  async function resetTokenFromMail(email: string, nth = 1): Promise<{ token: string; text: string }> {
    return eventually(async () => {
      const mail = app.mailbox.mailsTo(email).filter((candidate) => RESET_LINK.test(candidate.text))[nth - 1];
      return mail === undefined ? undefined : { token: decodeURIComponent(RESET_LINK.exec(mail.text)![1]!), text: mail.text };
    }, `reset mail #${nth} to ${email}`);
  }

  async function hashedPasswordOf(user: TestUser): Promise<string> {
    const { rows } = await app.database.pool.query<{ hashed_password: string }>('SELECT hashed_password FROM auth_users WHERE user_id = $1', [user.userId]);
    return rows[0]!.hashed_password;
  }

  it('given a request, then the mailed link (valid 30 minutes, on a line of its own) sets a new password: login works with the new one, not the old', async () => {
    const user = await registerConfirmedUser(app);
    const oldHash = await hashedPasswordOf(user);

    const request = await requestReset(user.email.toUpperCase());
    expect(request.status).toBe(202);
    expect(request.headers.get('ratelimit-limit')).toBe('3');
    const { token, text } = await resetTokenFromMail(user.email);
    expect(text.split('\n')).toContain(`https://app.example.com/reset-password?token=${encodeURIComponent(token)}`);
    expect(text).toContain('30 minutes');

    expect((await confirmReset(token)).status).toBe(204);
    await eventually(async () => ((await hashedPasswordOf(user)) !== oldHash ? true : undefined), 'the new password to reach login');
    expect((await postLogin(app, { email: user.email, password: NEW_PASSWORD })).status).toBe(200);
    expect((await postLogin(app, { email: user.email, password: user.password })).status).toBe(401);
    // Only the hash of the link's secret is stored.
    const [stored] = await storedEvents<PasswordResetWasRequested['data']>(app, 'PasswordResetWasRequested');
    expect(JSON.stringify(stored)).not.toContain(token.split('.')[1]);
  });

  it('given a used link, when it is used again, then 409 PASSWORD_RESET_TOKEN_USED and nothing appended', async () => {
    const user = await registerConfirmedUser(app);
    await requestReset(user.email);
    const { token } = await resetTokenFromMail(user.email);
    expect((await confirmReset(token)).status).toBe(204);

    const before = await countStoredEvents(app, ['PasswordReset']);
    const reuse = await confirmReset(token, 'another violet tractor 43');
    expect(reuse.status).toBe(409);
    expect(await reuse.json()).toMatchObject({ statusCode: 409, code: 'PASSWORD_RESET_TOKEN_USED' });
    expect(await countStoredEvents(app, ['PasswordReset'])).toBe(before);
  });

  it('given a newer request, when the older link is used, then 409 PASSWORD_RESET_TOKEN_SUPERSEDED; the newer link works', async () => {
    const user = await registerConfirmedUser(app);
    await requestReset(user.email);
    const first = await resetTokenFromMail(user.email, 1);
    await requestReset(user.email);
    const second = await resetTokenFromMail(user.email, 2);

    const older = await confirmReset(first.token);
    expect(older.status).toBe(409);
    expect(await older.json()).toMatchObject({ code: 'PASSWORD_RESET_TOKEN_SUPERSEDED' });
    expect((await confirmReset(second.token)).status).toBe(204);
  });

  it('given a link requested more than 30 minutes ago, then 410 PASSWORD_RESET_TOKEN_EXPIRED and nothing appended', async () => {
    const user = await registerConfirmedUser(app);
    const secret = 'a-secret-whose-request-has-expired';
    const expired: PasswordResetWasRequested = {
      type: 'PasswordResetWasRequested',
      data: {
        userId: user.userId,
        resetId: 'expired-request',
        emailAddress: user.email,
        secretHash: passwordResetSecretHash(secret),
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      },
    };
    await new EventStoreFixtures(app.running).append(StreamName.of('PasswordReset', user.userId), expired);

    const before = await countStoredEvents(app, ['PasswordReset']);
    const response = await confirmReset(`${user.userId}.${secret}`);
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ statusCode: 410, code: 'PASSWORD_RESET_TOKEN_EXPIRED' });
    expect(await countStoredEvents(app, ['PasswordReset'])).toBe(before);
  });

  it.each([
    ['a forged secret for a real user', (user: TestUser) => `${user.userId}.forged-secret`],
    ['a user id without any request', () => '00000000-0000-4000-8000-000000000000.some-secret'],
    ['no separator', () => 'garbage'],
  ])('given a token with %s, then 404 PASSWORD_RESET_TOKEN_UNKNOWN and nothing appended', async (_case, tokenFor) => {
    const user = await registerConfirmedUser(app);
    await requestReset(user.email);
    await resetTokenFromMail(user.email);

    const before = await countStoredEvents(app, ['PasswordReset']);
    const response = await confirmReset(tokenFor(user));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, code: 'PASSWORD_RESET_TOKEN_UNKNOWN' });
    expect(await countStoredEvents(app, ['PasswordReset'])).toBe(before);
  });

  it.each(['12345678', 'password', 'qwertyuiop'])(
    'given a valid link and the weak new password %s, then 400 WEAK_PASSWORD, nothing appended, and the link still works',
    async (weak) => {
      const user = await registerConfirmedUser(app);
      await requestReset(user.email);
      const { token } = await resetTokenFromMail(user.email);

      const before = await countStoredEvents(app, ['PasswordReset']);
      const response = await confirmReset(token, weak);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ statusCode: 400, code: 'WEAK_PASSWORD' });
      expect(await countStoredEvents(app, ['PasswordReset'])).toBe(before);
      expect((await confirmReset(token)).status).toBe(204);
    },
  );

  it.each([
    ['missing token', { newPassword: NEW_PASSWORD }],
    ['token a number', { token: 42, newPassword: NEW_PASSWORD }],
    ['token over 256 characters', { token: 't'.repeat(257), newPassword: NEW_PASSWORD }],
    ['password over 128 characters', { token: 'a.b', newPassword: 'p'.repeat(129) }],
    ['an unknown field', { token: 'a.b', newPassword: NEW_PASSWORD, userId: 'someone' }],
  ])('given a confirmation with %s, then 400 VALIDATION_FAILED and nothing appended', async (_case, body) => {
    const before = await countStoredEvents(app, ['PasswordReset']);
    const response = await app.http('/api/auth/password-reset/confirmation', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await countStoredEvents(app, ['PasswordReset'])).toBe(before);
  });

  it.each([
    ['missing email', {}],
    ['email a boolean', { email: true }],
    ['email not an address', { email: 'not-an-email' }],
    ['email over 320 characters', { email: `${'a'.repeat(64)}@${'b'.repeat(260)}.com` }],
    ['an unknown field', { email: 'jan@example.com', userId: 'someone' }],
  ])('given a reset request with %s, then 400 VALIDATION_FAILED and nothing appended', async (_case, body) => {
    const before = await countStoredEvents(app, ['PasswordReset']);
    const response = await app.http('/api/auth/password-reset', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await countStoredEvents(app, ['PasswordReset'])).toBe(before);
  });

  it('given an address without an account, then 202 as for any other, and no mail and no request', async () => {
    const unknown = uniqueEmail('nobody');
    const user = await registerConfirmedUser(app);

    expect((await requestReset(unknown)).status).toBe(202);
    expect((await requestReset(user.email)).status).toBe(202);
    await resetTokenFromMail(user.email);

    expect(app.mailbox.mailsTo(unknown)).toEqual([]);
    const requests = await storedEvents<PasswordResetWasRequested['data']>(app, 'PasswordResetWasRequested');
    expect(requests.filter((request) => request.data.emailAddress === unknown)).toEqual([]);
  });

  it('given three requests for one address from one client, then the fourth is 429 TOO_MANY_PASSWORD_RESET_REQUESTS with Retry-After and the rate-limit headers', async () => {
    const email = uniqueEmail('often');
    for (let attempt = 0; attempt < 3; attempt++) expect((await requestReset(email)).status).toBe(202);

    const refused = await requestReset(email);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_PASSWORD_RESET_REQUESTS' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect((await requestReset(uniqueEmail('other'))).status).toBe(202);
  });
});
