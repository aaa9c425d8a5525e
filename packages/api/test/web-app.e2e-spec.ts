import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInChromium } from './support/app-in-chromium';
import { DESKTOP, PHONE, photograph, problemsOf, seriousAccessibilityViolations, signInThroughTheForm, wordsBrokenInTables } from './support/browser';
import type { TestApp } from './support/test-app';
import { DEFAULT_TEST_PASSWORD, accountReady, eventually, registerConfirmedUser, TEST_ADMIN, TEST_ADMIN_ENV, uniqueEmail } from './support/users';
import { builtWebAppDirectory } from './support/web-app';
import { EventStoreFixtures } from './support/event-store-fixtures';

const WEBHOOK_SECRET = 'e2e-process-st-webhook-secret';
const CURRENT_COURSE_ID = '5b0c7a7e-2f0e-4d2b-9a57-0d6c3f1e8a11';
const CURRENT_COURSE = { courseId: CURRENT_COURSE_ID, name: 'CodersCamp 2026', startsAt: '2026-03-01T00:00:00.000Z', endsAt: '2026-09-30T00:00:00.000Z' };
/** An answer that waits on a password hash or a read model: slow on a busy machine. */
const ANSWER_TIMEOUT_MS = 15_000;

/** The link of the first mail to `email` that carries `path`, as the mail has it. */
async function linkFromMail(app: TestApp, email: string, path: string): Promise<string> {
  const mail = await app.mailbox.waitForMail(email, (candidate) => candidate.text.includes(`${path}?token=`), ANSWER_TIMEOUT_MS);
  const link = new RegExp(`(\\S+${path}\\?token=\\S+)`).exec(mail.text)?.[1];
  if (link === undefined) throw new Error(`No ${path} link in: ${mail.text}`);
  return link;
}

/** The web app, built from its sources, served by the real API with PostgreSQL and an SMTP server, in Chromium. */
/**
 * With WEB_APP_SCREENSHOTS=1 (`WEB_APP_SCREENSHOTS=1 npx vitest run --project e2e web-app`) the
 * journeys also photograph the main pages for the README, at desktop and phone width.
 */
describe('the web app in a real browser', () => {
  const web = appInChromium({ WEB_APP_DIR: builtWebAppDirectory(), PROCESS_ST_WEBHOOK_SECRET: WEBHOOK_SECRET, CURRENT_COURSE_ID, ...TEST_ADMIN_ENV });
  let page: Page;
  /** Console errors, failed scripts and CSP violations of the current page. */
  let problems: string[];

  beforeAll(async () => {
    await new EventStoreFixtures(web.app.running).courseCreated(CURRENT_COURSE);
  });

  async function openPage(viewport = DESKTOP): Promise<Page> {
    const context = await web.browser.newContext({ viewport });
    page = await context.newPage();
    problems = problemsOf(page);
    return page;
  }

  /** Problems other than the failed requests a test provokes on purpose (the browser logs each one). */
  const unexpectedProblems = () => problems.filter((problem) => !/Failed to load resource: the server responded with a status of (4\d\d)/.test(problem));

  const signInAs = (email: string, password: string) => signInThroughTheForm(page, web.origin, { email, password }, ANSWER_TIMEOUT_MS);

  async function hashedPasswordOf(email: string): Promise<string | undefined> {
    const { rows } = await web.app.database.pool.query<{ hashed_password: string }>('SELECT hashed_password FROM auth_users WHERE email_address = lower($1)', [email]);
    return rows[0]?.hashed_password;
  }

  async function userIdOf(email: string): Promise<string> {
    return eventually(async () => {
      const { rows } = await web.app.database.pool.query<{ user_id: string }>('SELECT user_id FROM auth_users WHERE email_address = lower($1)', [email]);
      return rows[0]?.user_id;
    }, `the account of ${email}`);
  }

  /** What process.st sends when a participant checks tasks of their materials, once the webhook knows the materials. */
  async function tasksCheckedInProcessSt(learningMaterialsId: string, taskIds: readonly string[]): Promise<void> {
    // The webhook answers 404 for materials its read model does not know yet (process.st retries);
    // the materials' id comes from the command's answer, possibly before that read model caught up.
    await eventually(
      async () => ((await web.app.database.pool.query('SELECT 1 FROM learning_materials WHERE id = $1', [learningMaterialsId])).rowCount ? true : undefined),
      'learning materials known to the webhook',
    );
    for (const taskId of taskIds) {
      const response = await web.app.http('/api/process-st/events/task-checked-unchecked', {
        method: 'POST',
        headers: { 'x-webhook-secret': WEBHOOK_SECRET },
        body: { id: learningMaterialsId, type: 'TaskCheckedUnchecked', createdDate: '2026-03-01T10:00:00.000Z', data: { id: taskId, status: 'Completed' } },
      });
      expect(response.status).toBe(204);
    }
  }

  it('given paths of the app, the server and missing files, then the app answers only its own, revalidated; assets are cached for good', async () => {
    const get = (path: string) => fetch(`${web.origin}${path}`);
    const page = await get('/confirm-email?token=a.b');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];

    expect([page.status, page.headers.get('content-type'), page.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
    expect((await get(script!)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await (await get('/api/no-such-route')).json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect((await get('/assets/index-of-an-older-release.js')).status).toBe(404);
    expect((await get('/metrics')).headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('given a new participant, when they sign up, confirm from the mail, sign in and generate materials, then two tasks reported by process.st show as progress 2 without a reload', async () => {
    const email = uniqueEmail('journey');
    await openPage();
    await page.goto(`${web.origin}/sign-up`);
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEFAULT_TEST_PASSWORD);
    await photograph(page, 'sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await photograph(page, 'check-your-mail');

    const confirmationLink = await linkFromMail(web.app, email, '/confirm-email');
    // Started with PORT=0 and no APP_URL: the link names the port the server really got.
    expect(new URL(confirmationLink).origin).toBe(web.origin);
    await page.goto(confirmationLink);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: ANSWER_TIMEOUT_MS }).toMatch(/Your email address is confirmed/);

    // Confirmation completes the registration and enrols in the current course in the background.
    await accountReady(web.app, email);
    const userId = await userIdOf(email);
    await eventually(async () => ((await web.app.database.pool.query('SELECT 1 FROM course_participants WHERE user_id = $1', [userId])).rowCount ? true : undefined), 'enrolment');
    await signInAs(email, DEFAULT_TEST_PASSWORD);
    await expect.poll(() => page.getByRole('region', { name: 'Your course' }).textContent(), { timeout: ANSWER_TIMEOUT_MS }).toMatch(/enrolled in CodersCamp 2026, from 1 March 2026 to 30 September 2026/);
    await page.getByRole('button', { name: 'Generate my learning materials' }).click();
    const materialsLink = page.getByRole('link', { name: 'open your learning materials' });
    await materialsLink.waitFor({ timeout: ANSWER_TIMEOUT_MS });
    // Without process.st the materials are a page of the app itself, on the port the server got.
    const materialsUrl = new URL((await materialsLink.getAttribute('href'))!);
    expect(materialsUrl.origin).toBe(web.origin);
    const learningMaterialsId = materialsUrl.pathname.split('/').at(-1)!;
    await expect.poll(() => page.getByText(/tasks? completed$/).textContent(), { timeout: ANSWER_TIMEOUT_MS }).toBe('0 tasks completed');
    await page.getByText('Live: progress updates as you work.').waitFor();
    await page.evaluate('window.loadedOnce = true');

    await tasksCheckedInProcessSt(learningMaterialsId, ['task-1', 'task-2']);

    await expect.poll(() => page.getByText(/tasks? completed$/).textContent(), { timeout: ANSWER_TIMEOUT_MS }).toBe('2 tasks completed');
    await photograph(page, 'dashboard');
    expect(await page.evaluate('window.loadedOnce')).toBe(true);
    expect(unexpectedProblems()).toEqual([]);

    // A participant is offered no administrator's page, and one opened by its address says whose it is.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Dashboard']);
    await page.goto(`${web.origin}/admin/courses`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: ANSWER_TIMEOUT_MS }).toMatch(/^This page is for administrators\.Reference for support: /);
  });

  it('given a password that is easy to guess, when signing up, then the API\'s advice is shown at the password field', async () => {
    await openPage();
    await page.goto(`${web.origin}/sign-up`);
    await page.getByLabel('Full name').fill('Grace Hopper');
    await page.getByLabel('Email').fill(uniqueEmail('weak'));
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Sign up' }).click();

    const password = page.getByLabel('Password');
    await expect.poll(() => password.getAttribute('aria-invalid'), { timeout: ANSWER_TIMEOUT_MS }).toBe('true');
    const describedBy = (await password.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const description = (await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
    expect(description).toMatch(/Password is too easy to guess\./);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Check the fields marked above\.Reference for support: \S+/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(unexpectedProblems()).toEqual([]);
  });

  it('given fields the API would refuse, when signing up, then each says why at once, without a request', async () => {
    await openPage(PHONE);
    let posted = false;
    page.on('request', (request) => (posted ||= request.method() === 'POST'));
    await page.goto(`${web.origin}/sign-up`);
    await page.getByLabel('Email').fill('not-an-address');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();

    await expect.poll(() => page.locator('.field-error').allTextContents()).toEqual(['Enter your full name.', 'Enter an email address like name@example.com.', 'Use at least 8 characters.']);
    expect(posted).toBe(false);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('given a confirmation link that was used already, when opened again, then it says so and leads to sign in', async () => {
    const user = await registerConfirmedUser(web.app);
    const link = await linkFromMail(web.app, user.email, '/confirm-email');
    await openPage();
    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();

    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: ANSWER_TIMEOUT_MS }).toMatch(/This address is confirmed already/);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  });

  it('given a link nobody was sent, when confirming, then it says so and offers a new link, which shows the wait when asked too often', async () => {
    await openPage();
    await page.goto(`${web.origin}/confirm-email?token=not-a-user.not-a-secret`);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: ANSWER_TIMEOUT_MS }).toMatch(/This link is not valid/);

    await page.getByRole('link', { name: 'Send me a new link' }).click();
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
    await page.getByLabel('Email').fill(uniqueEmail('nobody'));
    const send = page.getByRole('button', { name: 'Send a new link' });
    // Each request is answered alike whether the address has an account; the limit shows as a wait.
    await expect
      .poll(
        async () => {
          if (await send.isEnabled()) await send.click();
          return page.getByRole('alert').count();
        },
        { timeout: ANSWER_TIMEOUT_MS * 2 },
      )
      .toBe(1);
    expect(await page.getByRole('alert').textContent()).toMatch(/You can ask again in \d+ s\./);
    expect(await send.isDisabled()).toBe(true);
  });

  it('given a password reset asked for in the app, when the mailed link is opened and a new password chosen, then the new one signs in', async () => {
    const user = await registerConfirmedUser(web.app);
    await openPage(PHONE);
    await page.goto(`${web.origin}/forgot-password`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await page.getByText(/a link to choose a new password is on its way/).waitFor({ timeout: ANSWER_TIMEOUT_MS });

    await page.goto(await linkFromMail(web.app, user.email, '/reset-password'));
    const oldHash = await hashedPasswordOf(user.email);
    const newPassword = 'a long and unusual passphrase';
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password, again').fill(newPassword);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByText('Your password has been changed. Sign in with the new one.').waitFor({ timeout: ANSWER_TIMEOUT_MS });
    // Sign-in reads the new password from a read model, which follows the change in the background.
    await eventually(async () => ((await hashedPasswordOf(user.email)) === oldHash ? undefined : true), 'the new password to reach sign-in');

    await signInAs(user.email, newPassword);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await page.goto(`${web.origin}/dashboard`);
    await page.getByRole('heading', { name: 'Sign in first' }).waitFor();
    expect(unexpectedProblems()).toEqual([]);
  });

  it('given wrong credentials, when signing in, then the API\'s message and the request\'s reference are shown', async () => {
    await openPage();
    await page.goto(`${web.origin}/sign-in`);
    await page.getByLabel('Email').fill(uniqueEmail('stranger'));
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: ANSWER_TIMEOUT_MS }).toMatch(/^You could not be signed in\.Wrong email or passwordReference for support: [\w-]{8,}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('given the API cannot be reached, when the app opens, then it says so instead of a blank page, and recovers on retry', async () => {
    await openPage();
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.goto(`${web.origin}/dashboard`);

    await page.getByRole('heading', { name: 'CodersCamp is unavailable' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/The server cannot be reached/);
    await page.unroute('**/api/**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Sign in first' }).waitFor();
  });

  it('given an administrator, when they create a course and open the participants, then the course is listed and a participant found with their course and progress', async () => {
    // Enrolled in the current course on confirming; two tasks checked in process.st.
    const participant = await registerConfirmedUser(web.app, { fullName: 'Katherine Johnson' });
    await eventually(async () => ((await web.app.database.pool.query('SELECT 1 FROM course_participants WHERE user_id = $1', [participant.userId])).rowCount ? true : undefined), 'enrolment');
    const generated = await web.app.http('/api/learning-materials', { method: 'POST', token: participant.accessToken });
    expect(generated.status).toBe(201);
    const { id: learningMaterialsId } = (await generated.json()) as { id: string };
    await tasksCheckedInProcessSt(learningMaterialsId, ['task-1', 'task-2']);
    await eventually(
      async () => ((await web.app.database.pool.query('SELECT 1 FROM course_progress WHERE learning_materials_id = $1 AND completed_tasks = 2', [learningMaterialsId])).rowCount ? true : undefined),
      'the progress counted',
    );
    await openPage();
    await accountReady(web.app, TEST_ADMIN.email, 'admin');
    await signInAs(TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('link', { name: 'Courses' }).click();
    await page.getByRole('heading', { name: 'Courses' }).waitFor();

    await page.getByLabel('Name').fill('CodersCamp 2027');
    await page.getByLabel('First day').fill('2027-09-01');
    await page.getByLabel('Last day').fill('2027-03-01');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.getByText('The course must end after it starts.').waitFor();
    await page.getByLabel('Last day').fill('2028-03-01');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.getByRole('cell', { name: 'CodersCamp 2027' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    // CURRENT_COURSE_ID names the edition new participants join, though another starts later.
    expect(await page.getByRole('row', { name: /current/i }).allTextContents()).toEqual([expect.stringMatching(/^CodersCamp 2026 ?current/i)]);
    await photograph(page, 'admin-courses');

    await page.getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('table').waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await page.getByRole('search').getByLabel('Name or email').fill('katherine JOHNSON');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText(/^1 participant matching “katherine JOHNSON”, page 1 of 1$/).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(new URL(page.url()).searchParams.get('q')).toBe('katherine JOHNSON');
    const participantRow = page.getByRole('row', { name: new RegExp(participant.email) });
    await expect
      .poll(() => participantRow.getByRole('cell').allTextContents())
      .toEqual(['Katherine Johnson', participant.email, 'CodersCamp 2026', '2', 'Make administrator']);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Name', 'Email', 'Course', 'Completed tasks', 'Role']);
    await photograph(page, 'admin-participants');

    // At 375 px the table scrolls sideways inside a region named by its summary; the keyboard reaches it after the search and scrolls it.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: 'Search' }).focus();
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.getAttribute('role')).toBe('region');
    expect(await focused.getAttribute('aria-labelledby')).toBe(await page.getByText(/^1 participant matching/).getAttribute('id'));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate<number>('document.activeElement.scrollLeft')).toBeGreaterThan(0);
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Make administrator: Katherine Johnson' }).click();
    await page.getByRole('row', { name: new RegExp(participant.email) }).getByRole('status').filter({ hasText: 'Administrator' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await eventually(async () => {
      const me = (await (await web.app.http('/api/users/me', { token: participant.accessToken })).json()) as { role: string };
      return me.role === 'admin' ? true : undefined;
    }, 'the granted role');
    expect(unexpectedProblems()).toEqual([]);
  });


  /** Fits a phone's 375 px without sideways scrolling of the page; tables break no word; axe finds no serious or critical violation; nothing failed. */
  async function expectUsableOnAPhone(path: string): Promise<string[]> {
    const found: string[] = [];
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    if (width > PHONE.width) found.push(`${path} is ${width} px wide`);
    found.push(...(await wordsBrokenInTables(page)).map((word) => `${path} breaks “${word}” over two lines`));
    found.push(...(await seriousAccessibilityViolations(page)).map((violation) => `${path}: ${violation}`));
    found.push(...unexpectedProblems().map((problem) => `${path}: ${problem}`));
    return found;
  }

  it('given every signed-out page at 375 px, then each fits the screen and axe finds no serious or critical violation', async () => {
    await openPage(PHONE);
    const found: string[] = [];
    for (const [path, heading] of [
      ['/sign-up', 'Sign up'],
      ['/sign-in', 'Sign in'],
      ['/check-mail?email=ada%40example.com', 'Check your mail'],
      ['/confirm-email?token=a.b', 'Confirm your email address'],
      ['/forgot-password', 'Forgot your password?'],
      ['/reset-password?token=a.b', 'Choose a new password'],
      ['/learning-materials/3f2a', 'Learning materials'],
      ['/no/such/page', 'Page not found'],
    ] as const) {
      await page.goto(`${web.origin}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      found.push(...(await expectUsableOnAPhone(path)));
    }
    expect(found).toEqual([]);
  });

  it('given every signed-in page at 375 px, then each fits the screen, its tables break no word and axe finds no serious or critical violation', async () => {
    await openPage(PHONE);
    await accountReady(web.app, TEST_ADMIN.email, 'admin');
    await signInAs(TEST_ADMIN.email, TEST_ADMIN.password);
    const found: string[] = [];
    for (const [path, heading] of [
      ['/dashboard', /^Hello, /],
      ['/admin/courses', /^Courses$/],
      ['/admin/participants', /^Participants$/],
    ] as const) {
      await page.goto(`${web.origin}${path}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.getByRole('status').filter({ hasText: /^Loading/ }).first().waitFor({ state: 'detached' });
      found.push(...(await expectUsableOnAPhone(path)));
    }
    expect(found).toEqual([]);
  });

  it('given the keyboard only, when tabbing from the top of the sign-in page, then the focus is visible and reaches the form', async () => {
    await openPage();
    await page.goto(`${web.origin}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();

    const focused: string[] = [];
    for (let step = 0; step < 8 && !focused.includes('Email'); step++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
      focused.push(await page.evaluate<string>("document.activeElement.innerText || document.activeElement.labels?.[0]?.textContent || ''"));
    }
    expect(focused[0]).toBe('Skip to content');
    expect(focused).toContain('Email');
  });
});
