import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInChromium } from './support/app-in-chromium';
import { givenCourseParticipant, type CourseParticipant } from './support/course-participants-over-events';
import { registerConfirmedUser, type TestUser } from './support/users';

/** A person's path through Swagger UI: authorise with a token, try an endpoint, read the answer. */
describe('Swagger UI in a real browser', () => {
  const web = appInChromium();
  let participant: CourseParticipant;
  let user: TestUser;

  beforeAll(async () => {
    participant = await givenCourseParticipant(web.app, 'Ada Lovelace');
    // Registered, confirmed by the link in the real email, and signed in through POST /api/auth/login.
    user = await registerConfirmedUser(web.app, { fullName: 'Grace Hopper' });
  });

  async function authoriseWithBearer(page: Page, token: string): Promise<void> {
    await page.goto(`${web.app.url}/api/docs`);
    await page.locator('button.authorize').first().click();
    const bearer = page.locator('.auth-container').filter({ hasText: 'bearer' }).first();
    await bearer.locator('input').fill(token);
    await bearer.locator('button.modal-btn.authorize').click();
    await bearer.locator('button', { hasText: 'Logout' }).waitFor();
    await bearer.locator('button.btn-done').click();
  }

  async function tryGet(page: Page, path: string): Promise<{ status: string; body: string }> {
    const operation = page.locator(`.opblock-get:has(.opblock-summary-path[data-path="${path}"])`).first();
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const live = operation.locator('.live-responses-table');
    await live.locator('.response-col_status').first().waitFor();
    return {
      status: (await live.locator('tbody .response-col_status').first().innerText()).trim(),
      body: await live.locator('.response-col_description pre').first().innerText(),
    };
  }

  it.each([
    ['Swagger UI', '/api/docs', '.opblock'],
    ['the AsyncAPI page', '/api/asyncapi', 'h1'],
  ])('given %s under the Content-Security-Policy, then it renders with no CSP or console error', async (_case, path, rendered) => {
    const page = await web.browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // Browsers ask every site for an icon; these pages have none.
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${web.app.url}${path}`);
    await page.locator(rendered).first().waitFor();

    expect(problems).toEqual([]);
    await page.close();
  });

  it('given a token, when authorised in Swagger UI, then a guarded endpoint answers the signed-in user', async () => {
    const page = await web.browser.newPage();
    await authoriseWithBearer(page, participant.accessToken);

    const { status, body } = await tryGet(page, '/api/course-progress');

    // Authorised (not 401); the participant has no materials yet, so the read model has nothing.
    expect(status).toBe('404');
    expect(JSON.parse(body)).toMatchObject({ code: 'COURSE_PROGRESS_NOT_FOUND' });
    await page.close();
  });

  it('given a token from login, when authorised in Swagger UI, then GET /api/users/me shows the user', async () => {
    const page = await web.browser.newPage();
    await authoriseWithBearer(page, user.accessToken);

    const { status, body } = await tryGet(page, '/api/users/me');

    expect(status).toBe('200');
    expect(JSON.parse(body)).toEqual({ id: user.userId, fullName: 'Grace Hopper', email: user.email, image: null, role: 'user' });
    await page.close();
  });
});
