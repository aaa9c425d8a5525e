import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventModel } from '../src/shared/event-model/event-model';
import { appInChromium } from './support/app-in-chromium';
import { DESKTOP, PHONE, photograph, problemsOf, seriousAccessibilityViolations, signInThroughTheForm } from './support/browser';
import { accountReady, adminAccessToken, postRegistration, TEST_ADMIN, TEST_ADMIN_ENV, uniqueEmail } from './support/users';
import { consoleAppEnv } from './support/web-app';

const ANSWER_TIMEOUT_MS = 15_000;

/**
 * The developer console's Event Model board, built from the web app's sources, served by the real
 * API (PostgreSQL, the source facts of these sources) and driven in Chromium as an administrator.
 */
describe('the Event Model board in a real browser', () => {
  const web = appInChromium({ ...consoleAppEnv(), ...TEST_ADMIN_ENV });
  let page: Page;
  let problems: string[];
  let model: EventModel;

  beforeAll(async () => {
    model = (await (await web.app.http('/api/admin/event-model', { token: await adminAccessToken(web.app) })).json()) as EventModel;
    // A registration and its duplicate: RegisterUser handled twice, rejected once as EMAIL_ALREADY_REGISTERED.
    const email = uniqueEmail('board');
    expect((await postRegistration(web.app, { email })).status).toBe(201);
    expect((await postRegistration(web.app, { email })).status).toBe(409);
    await accountReady(web.app, TEST_ADMIN.email, 'admin');
  });

  async function openBoard(viewport = DESKTOP): Promise<Page> {
    const context = await web.browser.newContext({ viewport });
    page = await context.newPage();
    problems = problemsOf(page);
    // The console's own requests must all succeed; the sign-in and dashboard pages ask for what an admin may not have (401, 404).
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/admin/') && !response.ok()) problems.push(`${response.status()} ${response.url()}`);
    });
    await signInThroughTheForm(page, web.origin, TEST_ADMIN, ANSWER_TIMEOUT_MS);
    await page.goto(`${web.origin}/console/model`);
    await page.getByRole('region', { name: 'The board' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await page.getByText(/^Live figures of this server since /).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    return page;
  }

  /** Problems other than the failed requests the browser logs for each answer of 401 or 404. */
  const unexpectedProblems = () => problems.filter((problem) => !/Failed to load resource: the server responded with a status of 40[14]/.test(problem));

  const note = (kind: string, id: string): Locator => page.locator(`.model-note[data-kind="${kind}"][data-id="${id}"]`);
  const placeOf = async (kind: string, id: string) => ({ lane: await note(kind, id).getAttribute('data-lane'), step: await note(kind, id).getAttribute('data-step') });

  it('given an admin, then every element of the model is a note in its lane and step, the kind in words, the lanes named for screen readers', async () => {
    await openBoard();

    expect(await placeOf('command', 'RegisterUser')).toEqual({ lane: 'UserRegistration', step: 'Registration' });
    expect(await placeOf('event', 'UserRegistrationWasStarted')).toEqual({ lane: 'UserRegistration', step: 'Registration' });
    expect(await placeOf('automation', 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1')).toEqual({ lane: 'Automations', step: 'Confirmation' });
    expect(await placeOf('readModel', 'CourseProgressReadModel_v1')).toEqual({ lane: 'Read models', step: 'Progress' });
    const elements = model.commands.length + model.events.length + model.readModels.length + model.automations.length;
    expect(elements).toBeGreaterThanOrEqual(60);
    expect(await page.locator('.model-note').count()).toBe(elements);
    await expect.poll(() => page.getByRole('button', { name: /^Command RegisterUser \d+ handled · \d+ rejected$/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Automation WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1/ }).count()).toBe(1);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Lane', ...model.steps.map((step) => step.name)]);
    expect((await page.getByRole('rowheader').allTextContents()).slice(0, 3)).toEqual(['Automations', 'Read models', 'Stream UserRegistration']);
    await expect.poll(() => page.getByRole('region', { name: 'Consistency checks' }).textContent()).toMatch(new RegExp(`No problems.*${model.allowedExceptions.length} allowed exceptions`));
    // A note pointed at draws its flows; one focused with the keyboard too: event → automation → command.
    await note('command', 'RegisterUser').hover();
    await expect.poll(() => page.locator('.model-flows > path').count()).toBe(1);
    await note('automation', 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1').focus();
    await expect.poll(() => page.locator('.model-flows > path').count()).toBe(2);
    // The slice without given/when/then specs, accepted: its automation's note says so.
    await note('automation', 'WhenUserWasErasedThenErasePersonalData_v1').getByText('Allowed exception').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(unexpectedProblems()).toEqual([]);
  });

  it('given the keyboard, when opening RegisterUser, then its code, spec names and figures show, with the rejected registration under its code, and Escape returns to the note', async () => {
    await openBoard();
    const registerUser = model.commands.find((command) => command.type === 'RegisterUser')!;
    const specTest = registerUser.specs[0]!.tests[0]!;

    await note('command', 'RegisterUser').focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('dialog', { name: 'Command RegisterUser' });
    await details.waitFor();

    const text = await details.textContent();
    expect(text).toContain('packages/api/src/module/write/user-registration/domain/register-user.ts');
    expect(text).toContain('packages/api/src/module/write/user-registration/domain/register-user.spec.ts');
    expect(text).toContain(specTest);
    expect(text).toContain('POST /api/user-registration');
    // The admin's own registration at start-up counts too: handled and succeeded differ by the duplicate.
    const [, handled, succeeded] = /Handled(\d+)Succeeded(\d+)RejectedEMAIL_ALREADY_REGISTERED: 1(?!\d)/.exec(text ?? '') ?? [];
    expect(Number(handled) - Number(succeeded)).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Its event opens from the details, with the subscriptions handling it.
    await details.getByRole('button', { name: 'UserRegistrationWasStarted' }).click();
    const event = page.getByRole('dialog', { name: 'Event UserRegistrationWasStarted' });
    await event.waitFor();
    await event.getByRole('button', { name: 'AuthUsersReadModel_v1' }).click();
    const readModel = page.getByRole('dialog', { name: 'Read model AuthUsersReadModel_v1' });
    expect(await readModel.textContent()).toMatch(/Subscription state(live|waiting|catching-up)/);
    expect(await readModel.textContent()).toContain('Parked events0');

    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    await readModel.waitFor({ state: 'detached' });
    expect(await page.evaluate<string>("document.activeElement.getAttribute('data-id')")).toBe('RegisterUser');
    expect(unexpectedProblems()).toEqual([]);
  });

  it('given a filter, then only the notes whose name matches remain, and the count says how many', async () => {
    await openBoard();

    await page.getByLabel('Filter notes by name').fill('user registration');

    await expect.poll(() => page.getByRole('status').filter({ hasText: /notes match$/ }).textContent()).toMatch(/^\d+ of \d+ notes match$/);
    expect(await note('event', 'UserRegistrationWasStarted').isVisible()).toBe(true);
    expect(await note('command', 'RegisterUser').count()).toBe(0);
    expect(await page.getByRole('rowheader').allTextContents()).not.toContain('Stream Course');
  });

  it('given a phone 375 px wide, then the page does not overflow, the board scrolls inside its region and a note still opens', async () => {
    await openBoard(PHONE);

    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    const region = page.getByRole('region', { name: 'The board' });
    expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await photograph(page, 'console-model');

    await note('readModel', 'CourseProgressReadModel_v1').click();
    const details = page.getByRole('dialog', { name: 'Read model CourseProgressReadModel_v1' });
    await details.waitFor();
    const box = await details.boundingBox();
    expect(box !== null && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    expect(await details.textContent()).toContain('module/read/course-progress/course-progress.projection.ts');
    expect(unexpectedProblems()).toEqual([]);
  });
});
