import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StreamName, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { TestApp } from './test-app';

/**
 * Users for end-to-end tests, made the way a person makes them: over HTTP, with the link from the
 * confirmation mail the test SMTP server received. Waits on the read models instead of sleeping.
 */

export const DEFAULT_TEST_PASSWORD = 'correct horse battery staple';

export type TestUser = Readonly<{ userId: string; email: string; password: string; fullName: string; accessToken: string }>;

export type NewUser = Readonly<{ email?: string; fullName?: string; password?: string }>;

/** An address no other test uses (the SMTP mailbox and the database are shared within a file). */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

/** POST /api/user-registration; returns the raw response. */
export function postRegistration(app: TestApp, user: Readonly<{ email: string; fullName?: string; password?: string }>): Promise<Response> {
  return app.http('/api/user-registration', {
    method: 'POST',
    body: { fullName: user.fullName ?? 'Test User', email: user.email, password: user.password ?? DEFAULT_TEST_PASSWORD },
  });
}

/** The token of the `nth` (1-based) confirmation mail sent to `email`, waiting for it to arrive. */
export async function confirmationTokenFromMail(app: TestApp, email: string, nth = 1): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mails = app.mailbox.mailsTo(email).filter((mail) => mail.text.includes('/confirm-email?token='));
    const mail = mails[nth - 1];
    if (mail !== undefined) return tokenInLink(mail.text);
    if (Date.now() > deadline) throw new Error(`Confirmation mail #${nth} to ${email} did not arrive`);
    await app.mailbox.waitForMail(email, () => true, 15_000).catch(() => undefined);
    await sleep(50);
  }
}

export function tokenInLink(text: string): string {
  const match = /\/confirm-email\?token=([^\s"<&]+)/.exec(text);
  if (!match) throw new Error(`No confirmation link in: ${text}`);
  return decodeURIComponent(match[1]!);
}

export function approveConfirmation(app: TestApp, confirmationToken: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return app.http('/api/email-confirmation/approval', { method: 'POST', headers, body: { confirmationToken } });
}

export function postLogin(app: TestApp, credentials: Readonly<{ email: string; password: string }>): Promise<Response> {
  return app.http('/api/auth/login', { method: 'POST', body: { email: credentials.email, password: credentials.password } });
}

/** Polls `check` until it returns something other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Resolves once login reads the account as confirmed (and as admin, when `role` says so). */
export async function accountReady(app: TestApp, email: string, role: 'user' | 'admin' = 'user'): Promise<void> {
  await eventually(async () => {
    const { rows } = await app.database.pool.query<{ role: string }>(
      'SELECT role FROM auth_users WHERE email_address = lower($1) AND email_confirmed',
      [email],
    );
    const ready = rows.length > 0 && (role === 'user' || rows[0]!.role === 'admin');
    return ready ? true : undefined;
  }, `account ${email} to be ${role === 'admin' ? 'a confirmed admin' : 'confirmed'}`);
}

/** Resolves once the user has a profile (GET /api/users/me answers). */
export async function profileReady(app: TestApp, userId: string): Promise<void> {
  await eventually(async () => {
    const { rows } = await app.database.pool.query('SELECT 1 FROM user_profiles WHERE user_id = $1', [userId]);
    return rows.length > 0 ? true : undefined;
  }, `profile of ${userId}`);
}

/** Logs in once the account is ready; fails unless the login answers 200. */
export async function signIn(app: TestApp, credentials: Readonly<{ email: string; password: string }>, role: 'user' | 'admin' = 'user'): Promise<string> {
  await accountReady(app, credentials.email, role);
  const response = await postLogin(app, { email: credentials.email, password: credentials.password });
  if (response.status !== 200) throw new Error(`Login of ${credentials.email} answered ${response.status}: ${await response.text()}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  return accessToken;
}

/** Registers, confirms with the mailed token, waits for the profile and logs in. */
export async function registerConfirmedUser(app: TestApp, user: NewUser = {}): Promise<TestUser> {
  const email = user.email ?? uniqueEmail();
  const password = user.password ?? DEFAULT_TEST_PASSWORD;
  const fullName = user.fullName ?? 'Test User';
  const registration = await postRegistration(app, { email, password, fullName });
  if (registration.status !== 201) throw new Error(`Registration of ${email} answered ${registration.status}: ${await registration.text()}`);
  const { userId } = (await registration.json()) as { userId: string };

  const approval = await approveConfirmation(app, await confirmationTokenFromMail(app, email));
  if (approval.status !== 204) throw new Error(`Approval for ${email} answered ${approval.status}: ${await approval.text()}`);
  await profileReady(app, userId);
  const accessToken = await signIn(app, { email, password });
  return { userId, email, password, fullName, accessToken };
}

/** The first admin seeded from ADMIN_EMAIL/ADMIN_PASSWORD; pass these to `startTestApp`. */
export const TEST_ADMIN = { email: 'admin@example.com', password: 'admin password for tests' } as const;

export const TEST_ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password } as const;

/** An admin access token; the app must have been started with TEST_ADMIN_ENV. */
export function adminAccessToken(app: TestApp): Promise<string> {
  return signIn(app, TEST_ADMIN, 'admin');
}

/**
 * Events of one type in the app's event store, oldest first, as the app reads them: personal data
 * decrypted (it is stored encrypted), every event in its newest shape. Found by SQL and read stream
 * by stream, which shows every committed event at once (`readAll` holds back events while an
 * earlier transaction is still open).
 */
export async function storedEvents<D = Record<string, unknown>>(app: TestApp, type: string): Promise<{ streamName: string; data: D }[]> {
  const eventStore = app.running.app.get<symbol, EventStore>(EVENT_STORE);
  const { rows } = await app.database.pool.query<{ stream_name: string }>('SELECT DISTINCT stream_name FROM es_events WHERE type = $1', [type]);
  const streams = await Promise.all(rows.map((row) => eventStore.readStream(StreamName.parse(row.stream_name))));
  return streams
    .flatMap((stream) => stream.events)
    .filter((event) => event.type === type)
    .sort((a, b) => Number(a.globalPosition - b.globalPosition))
    .map((event) => ({ streamName: event.streamName, data: event.data as D }));
}

/**
 * Events stored so far, optionally only in some stream categories: automations append in the
 * background, so "nothing was appended" is best checked on the categories a request writes.
 */
export async function countStoredEvents(app: TestApp, categories?: readonly string[]): Promise<number> {
  const { rows } = await app.database.pool.query<{ count: string }>(
    'SELECT count(*) FROM es_events WHERE $1::text[] IS NULL OR category = ANY($1::text[])',
    [categories ?? null],
  );
  return Number(rows[0]!.count);
}
