import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { givenCourseParticipant } from './support/course-participants-over-events';
import { startTestApp, type TestApp } from './support/test-app';
import { DEFAULT_TEST_PASSWORD, postLogin, postRegistration, registerConfirmedUser, signIn, uniqueEmail } from './support/users';

/** A page's answer waits for the API, which hashes a password and waits for read models: slow on a busy machine. */
const PAGE_ANSWER_TIMEOUT_MS = 15_000;
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The link of the password reset mail to `email`, as the mail has it. */
async function resetLinkFromMail(app: TestApp, email: string): Promise<string> {
  const mail = await app.mailbox.waitForMail(email, (candidate) => candidate.text.includes('/reset-password?token='), 15_000);
  const link = /(\S+\/reset-password\?token=\S+)/.exec(mail.text)?.[1];
  if (link === undefined) throw new Error(`No reset link in: ${mail.text}`);
  return link;
}

/** The link of the confirmation mail to `email`, as the mail has it. */
async function confirmationLinkFromMail(app: TestApp, email: string): Promise<string> {
  const mail = await app.mailbox.waitForMail(email, (candidate) => candidate.text.includes('/confirm-email?token='), 15_000);
  const link = /(\S+\/confirm-email\?token=\S+)/.exec(mail.text)?.[1];
  if (link === undefined) throw new Error(`No confirmation link in: ${mail.text}`);
  return link;
}

describe('pages the mailed links open, in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  /** Console errors and CSP violations of the current page. */
  let problems: string[];

  beforeAll(async () => {
    app = await startTestApp();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openPage(): Promise<Page> {
    page = await browser.newPage();
    problems = [];
    page.on('console', (message) => {
      // Browsers ask every site for an icon; these pages have none.
      if (message.location().url.endsWith('/favicon.ico')) return;
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  }

  afterEach(async () => {
    await page?.close();
  });

  it('given a registration on a random port, when its mailed link is opened and the form submitted, then it confirms and login works', async () => {
    const email = uniqueEmail('browser');
    expect((await postRegistration(app, { email, fullName: 'Ada Lovelace' })).status).toBe(201);
    const link = await confirmationLinkFromMail(app, email);
    // The app was started with PORT=0 and no APP_URL: the link names the port it really got.
    expect(new URL(link).origin).toBe(`http://localhost:${new URL(app.url).port}`);

    await openPage();
    await page.goto(link);
    await expect.poll(() => page.getByLabel(/Confirmation code/).inputValue()).toBe(new URL(link).searchParams.get('token'));
    await page.getByRole('button', { name: 'Confirm my email address' }).click();

    await expect.poll(() => page.getByRole('status').innerText(), { timeout: PAGE_ANSWER_TIMEOUT_MS }).toBe('Your email address is confirmed. You can now sign in.');
    expect(await signIn(app, { email, password: DEFAULT_TEST_PASSWORD })).toEqual(expect.any(String));
    expect(problems).toEqual([]);
  });

  it('given the app on a random port without APP_URL, then local learning materials are under the port it got', async () => {
    const participant = await givenCourseParticipant(app, 'Grace Hopper');

    const response = await app.http('/api/learning-materials', { method: 'POST', token: participant.accessToken });

    expect(response.status).toBe(201);
    const { id, url } = (await response.json()) as { id: string; url: string };
    expect(url).toBe(`http://localhost:${new URL(app.url).port}/learning-materials/${id}`);
  });

  it.each([
    ['a token nobody was sent', 'not-a-user.not-a-secret', /\(EMAIL_CONFIRMATION_TOKEN_UNKNOWN\)$/],
    ['an empty token', '', /\(VALIDATION_FAILED\)$/],
  ])('given %s, when submitted, then the API\'s message and code are shown as an alert', async (_case, token, shown) => {
    await openPage();
    await page.goto(`${app.url}/confirm-email?token=${encodeURIComponent(token)}`);
    // The browser would not submit an empty required field; the API's own answer is what is tested.
    if (token === '') await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: 'Confirm my email address' }).click();

    await expect.poll(async () => (await page.getByRole('alert').count()) > 0 ? page.getByRole('alert').innerText() : '').toMatch(shown);
    expect(problems.filter((problem) => !/Failed to load resource/.test(problem))).toEqual([]);
  });

  it('given the reset link, when the two passwords differ, then says so without calling the API', async () => {
    await openPage();
    let posted = false;
    page.on('request', (request) => (posted ||= request.method() === 'POST'));
    await page.goto(`${app.url}/reset-password?token=reset-token`);
    await page.getByLabel('New password', { exact: true }).fill('a long and unusual passphrase');
    await page.getByLabel('New password, again').fill('another long passphrase');
    await page.getByRole('button', { name: 'Change my password' }).click();

    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/The two passwords differ/);
    expect(posted).toBe(false);
  });

  it('given a password reset requested through the API, when its mailed link is opened and a new password submitted, then it is changed: the new one logs in, the old one not', async () => {
    const user = await registerConfirmedUser(app);
    expect((await app.http('/api/auth/password-reset', { method: 'POST', body: { email: user.email } })).status).toBe(202);
    const link = await resetLinkFromMail(app, user.email);
    const newPassword = 'a long and unusual passphrase';

    await openPage();
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password, again').fill(newPassword);
    await page.getByRole('button', { name: 'Change my password' }).click();

    await expect.poll(() => page.getByRole('status').innerText(), { timeout: PAGE_ANSWER_TIMEOUT_MS }).toBe('Your password has been changed. You can now sign in.');
    expect((await postLogin(app, { email: user.email, password: newPassword })).status).toBe(200);
    expect((await postLogin(app, { email: user.email, password: user.password })).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('given the reset link, when the new password is easy to guess, then the API\'s advice and code are shown as an alert', async () => {
    await openPage();
    await page.goto(`${app.url}/reset-password?token=reset-token`);
    await page.getByLabel('New password', { exact: true }).fill('12345678');
    await page.getByLabel('New password, again').fill('12345678');
    await page.getByRole('button', { name: 'Change my password' }).click();

    await expect.poll(async () => ((await page.getByRole('alert').count()) > 0 ? page.getByRole('alert').innerText() : '')).toMatch(/\(WEAK_PASSWORD\)$/);
  });

  it.each([
    ['Swagger UI', '/api/docs', '.opblock'],
    ['the AsyncAPI page', '/api/asyncapi', 'h1'],
    ['the confirmation page', '/confirm-email?token=x', 'form'],
  ])('given %s under the Content-Security-Policy, then it renders with no CSP or console error', async (_case, path, rendered) => {
    await openPage();
    await page.goto(`${app.url}${path}`);
    await page.locator(rendered).first().waitFor();

    expect(problems).toEqual([]);
  });
});
