import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminAccounts } from '../src/module/write/admin-accounts/application/admin-accounts.process';
import { grantAdminCommand } from '../src/cli/commands/grant-admin.command';
import { AUTH_USERS_SUBSCRIPTION_ID } from '../src/module/read/shared/read-model-subscription-ids';
import { ACCESS_TOKEN_COOKIE } from '../src/shared/auth/access-token';
import { testAppPerFile } from './support/test-app';
import {
  adminAccessToken,
  approveConfirmation,
  confirmationTokenFromMail,
  eventually,
  postLogin,
  postRegistration,
  profileReady,
  registerConfirmedUser,
  signIn,
  storedEvents,
  TEST_ADMIN,
  TEST_ADMIN_ENV,
  tokenInLink,
  uniqueEmail,
} from './support/users';

type CourseUserWasRegistered = { userId: string; courseUserId: string; courseId: string };

describe('users: registration, email confirmation, login, profiles, courses', () => {
  const app = testAppPerFile({ ...TEST_ADMIN_ENV, APP_URL: 'https://app.example.com' });
  let adminToken: string;
  let currentCourseId: string;

  beforeAll(async () => {
    adminToken = await adminAccessToken(app);
    const created = await app.http('/api/courses', {
      method: 'POST',
      token: adminToken,
      body: { name: 'CodersCamp 2025', startsAt: '2025-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z' },
    });
    expect(created.status).toBe(201);
    currentCourseId = ((await created.json()) as { id: string }).id;
  });

  it('register → the mail arrives over SMTP → approve with its token → login → /users/me → enrolled in the current course', async () => {
    const email = uniqueEmail('jan');
    const registration = await postRegistration(app, { email, fullName: 'Jan Kowalski', password: 'jan password 123' });
    expect(registration.status).toBe(201);
    const { userId } = (await registration.json()) as { userId: string };

    const mail = await app.mailbox.waitForMail(email);
    expect(mail.subject).toBe('Confirm your email address for CodersCamp');
    expect(mail.text).toMatch(/https:\/\/app\.example\.com\/confirm-email\?token=/);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@coderscamp\.local>$/);
    const approval = await approveConfirmation(app, tokenInLink(mail.text));
    expect(approval.status).toBe(204);

    await profileReady(app, userId);
    const accessToken = await signIn(app, { email, password: 'jan password 123' });
    const me = await app.http('/api/users/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ id: userId, fullName: 'Jan Kowalski', email, image: null, role: 'user' });

    const enrolment = await eventually(async () => {
      const events = await storedEvents<CourseUserWasRegistered>(app, 'CourseUserWasRegistered');
      return events.find((event) => event.data.userId === userId);
    }, 'CourseUserWasRegistered');
    expect(enrolment.data.courseId).toBe(currentCourseId);
    expect(app.mailbox.mailsTo(email)).toHaveLength(1);
  });

  it('given a confirmation approved (204), then a login sent right after the answer is accepted: the approval answers once sign-in reads the account as confirmed', async () => {
    for (const name of ['prompt-1', 'prompt-2', 'prompt-3']) {
      const email = uniqueEmail(name);
      const password = 'prompt password 123';
      expect((await postRegistration(app, { email, password })).status).toBe(201);
      const approval = await approveConfirmation(app, await confirmationTokenFromMail(app, email));
      expect(approval.status).toBe(204);

      const login = await postLogin(app, { email, password });
      expect(login.status, await login.clone().text()).toBe(200);
    }
  });

  it('given a successful login, then the token comes as JSON and as an httpOnly SameSite cookie that authenticates alone', async () => {
    const user = await registerConfirmedUser(app);
    const response = await postLogin(app, { email: user.email.toUpperCase(), password: user.password });

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${ACCESS_TOKEN_COOKIE}=${body.accessToken as string}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // APP_URL is https here, so the cookie is Secure.
    expect(cookie).toMatch(/Secure/i);

    const me = await app.http('/api/users/me', { headers: { cookie: `${ACCESS_TOKEN_COOKIE}=${body.accessToken as string}` } });
    expect(me.status).toBe(200);
  });

  it('given logout, then 204 and the cookie is cleared', async () => {
    const response = await app.http('/api/auth/logout', { method: 'POST' });

    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${ACCESS_TOKEN_COOKIE}=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)`, 'i'));
  });

  it('given the address in another case, then registration answers 409 EMAIL_ALREADY_REGISTERED', async () => {
    const email = uniqueEmail('case');
    expect((await postRegistration(app, { email })).status).toBe(201);

    const again = await postRegistration(app, { email: email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ statusCode: 409, code: 'EMAIL_ALREADY_REGISTERED' });
  });

  it('given a resend, then 202 and a new link; the old token is obsolete (409) and the new one confirms (204); approving again is 409', async () => {
    const email = uniqueEmail('resend');
    expect((await postRegistration(app, { email })).status).toBe(201);
    const firstToken = await confirmationTokenFromMail(app, email, 1);
    await eventually(async () => {
      const { rows } = await app.database.pool.query('SELECT 1 FROM auth_users WHERE email_address = $1', [email]);
      return rows.length > 0 ? true : undefined;
    }, 'the account row');

    const resend = await app.http('/api/email-confirmation/resend', { method: 'POST', body: { email } });
    expect(resend.status).toBe(202);
    const secondToken = await confirmationTokenFromMail(app, email, 2);
    expect(secondToken).not.toBe(firstToken);

    const obsolete = await approveConfirmation(app, firstToken);
    expect(obsolete.status).toBe(409);
    expect(await obsolete.json()).toMatchObject({ code: 'EMAIL_CONFIRMATION_TOKEN_OBSOLETE' });
    expect((await approveConfirmation(app, secondToken)).status).toBe(204);
    const twice = await approveConfirmation(app, secondToken);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: 'EMAIL_CONFIRMATION_ALREADY_APPROVED' });
  });

  it('given an unknown or malformed token, then approval answers 404 EMAIL_CONFIRMATION_TOKEN_UNKNOWN', async () => {
    for (const token of ['no-separator', '2f1c3b7e-8a44-4c61-9d0e-5b3f1a6c7d89.unknown-secret']) {
      const response = await approveConfirmation(app, token);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ statusCode: 404, code: 'EMAIL_CONFIRMATION_TOKEN_UNKNOWN' });
    }
  });

  it('given an unknown address, then resend still answers 202 and no mail is sent', async () => {
    const email = uniqueEmail('nobody');
    expect((await app.http('/api/email-confirmation/resend', { method: 'POST', body: { email } })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.mailbox.mailsTo(email)).toHaveLength(0);
  });

  it('given repeated resends, then the fourth within the window answers 429 TOO_MANY_RESEND_REQUESTS', async () => {
    const email = uniqueEmail('flood');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.http('/api/email-confirmation/resend', { method: 'POST', body: { email } })).status);

    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  describe('admins', () => {
    it('given the first admin from ADMIN_EMAIL, then it can sign in with ADMIN_PASSWORD and sees itself as a profile', async () => {
      const me = await app.http('/api/users/me', { token: adminToken });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: TEST_ADMIN.email, fullName: 'Administrator', role: 'admin' });
      expect((await storedEvents(app, 'UserWasGrantedAdminRole')).length).toBe(1);
    });

    it('given the first admin is ensured again (a restart), then nothing new is recorded', async () => {
      const types = ['UserRegistrationWasStarted', 'EmailConfirmationWasApproved', 'UserRegistrationWasCompleted', 'UserWasGrantedAdminRole'];
      const before = await Promise.all(types.map(async (type) => (await storedEvents(app, type)).length));

      await app.running.app.get(AdminAccounts).ensureFirstAdmin(TEST_ADMIN);

      expect(await Promise.all(types.map(async (type) => (await storedEvents(app, type)).length))).toEqual(before);
    });

    it('given ADMIN_EMAIL registered the usual way and the accounts read model behind, when the first admin is ensured, then it waits for the read model and that account becomes the admin', async () => {
      const email = uniqueEmail('later-admin');
      const accounts = app.running.app.get(EventsSubscriptionsFactory).find(AUTH_USERS_SUBSCRIPTION_ID)!;
      await accounts.stop();
      let ensured: Promise<string>;
      let holder: { data: { userId: string } } | undefined;
      try {
        expect((await postRegistration(app, { email })).status).toBe(201);
        [holder] = (await storedEvents<{ userId: string; emailAddress: string }>(app, 'UserRegistrationWasStarted')).filter(({ data }) => data.emailAddress === email);
        ensured = app.running.app.get(AdminAccounts).ensureFirstAdmin({ email, password: 'unused: the account keeps its password' });
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        await accounts.start();
      }

      expect(await ensured).toBe(holder!.data.userId);
      const granted = await storedEvents<{ userId: string }>(app, 'UserWasGrantedAdminRole');
      expect(granted.map(({ data }) => data.userId)).toContain(holder!.data.userId);
    });

    it('given `grant-admin <email>` for a user, then the user signs in as admin and opens admin endpoints; unknown email exits 1, no email 2', async () => {
      const user = await registerConfirmedUser(app);
      expect((await app.http('/api/users', { token: user.accessToken })).status).toBe(403);
      const lines: string[] = [];
      const output = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };

      expect(await grantAdminCommand.run(app.running.app, [user.email.toUpperCase()], output)).toBe(0);
      const adminToken = await signIn(app, user, 'admin');
      expect((await app.http('/api/users', { token: adminToken })).status).toBe(200);

      expect(await grantAdminCommand.run(app.running.app, [uniqueEmail('nobody')], output)).toBe(1);
      expect(await grantAdminCommand.run(app.running.app, [], output)).toBe(2);
      expect(lines[0]).toContain(`user ${user.userId}`);
    });

    it('given pages of users, then GET /users answers the page with the total; a limit over 100 is capped', async () => {
      await registerConfirmedUser(app);
      const { total } = (await (await app.http('/api/users?page=1&limit=100', { token: adminToken })).json()) as { total: number };
      expect(total).toBeGreaterThanOrEqual(3);

      const first = (await (await app.http('/api/users?page=1&limit=2', { token: adminToken })).json()) as { items: { id: string }[] };
      const second = (await (await app.http('/api/users?page=2&limit=2', { token: adminToken })).json()) as {
        items: { id: string }[];
        page: number;
        limit: number;
        total: number;
      };
      expect(first.items).toHaveLength(2);
      expect(second).toMatchObject({ page: 2, limit: 2, total });
      expect(second.items.map((item) => item.id)).not.toContain(first.items[0]!.id);

      const capped = (await (await app.http('/api/users?limit=1000', { token: adminToken })).json()) as { limit: number; page: number };
      expect(capped).toMatchObject({ limit: 100, page: 1 });
    });

    it('given users, then GET /users?q= finds them by part of the name or address in any case, counts only them, and takes % literally', async () => {
      const grace = await registerConfirmedUser(app, { fullName: 'Grace Hopper', email: uniqueEmail('cobol') });
      await registerConfirmedUser(app, { fullName: 'Alan Turing' });
      await profileReady(app, grace.userId);
      const search = async (q: string) => {
        const response = await app.http(`/api/users?${new URLSearchParams({ q, limit: '100' })}`, { token: adminToken });
        return (await response.json()) as { items: { email: string; role: string }[]; total: number };
      };

      for (const q of ['hOPPer', ' grace ', 'COBOL']) {
        const found = await search(q);
        expect(found.items.map((item) => [item.email, item.role]), q).toEqual([[grace.email, 'user']]);
        expect(found.total, q).toBe(1);
      }
      expect((await search('%')).items).toEqual([]);
      expect((await search('')).total).toBeGreaterThanOrEqual(3);

      const tooLong = await app.http(`/api/users?q=${'a'.repeat(101)}`, { token: adminToken });
      expect(tooLong.status).toBe(400);
      expect(await tooLong.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    });

    it('given courses, then GET /courses lists them latest start first, the latest started marked current; POST with endsAt before startsAt answers 400', async () => {
      const later = await app.http('/api/courses', {
        method: 'POST',
        token: adminToken,
        body: { name: 'CodersCamp 2099', startsAt: '2099-02-01T00:00:00+02:00', endsAt: '2099-08-01T00:00:00Z' },
      });
      expect(later.status).toBe(201);
      expect(await later.json()).toMatchObject({ name: 'CodersCamp 2099', startsAt: '2099-01-31T22:00:00.000Z' });

      const list = await eventually(async () => {
        const courses = (await (await app.http('/api/courses', { token: adminToken })).json()) as { name: string; current: boolean }[];
        return courses.length >= 2 ? courses : undefined;
      }, 'two courses');
      expect(list.map((course) => [course.name, course.current])).toEqual([
        ['CodersCamp 2099', false],
        ['CodersCamp 2025', true],
      ]);

      const backwards = await app.http('/api/courses', {
        method: 'POST',
        token: adminToken,
        body: { name: 'Backwards', startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' },
      });
      expect(backwards.status).toBe(400);
      expect(await backwards.json()).toMatchObject({ statusCode: 400, code: 'COURSE_ENDS_BEFORE_IT_STARTS' });
    });
  });
});
