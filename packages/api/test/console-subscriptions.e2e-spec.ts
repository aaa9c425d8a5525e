import { randomUUID } from 'node:crypto';
import { EventsSubscriptionsFactory, type ApplicationEvent } from '@coderscamp/event-sourcing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseWasCreated } from '../src/module/shared/events/course-was-created.event';
import { appInChromium } from './support/app-in-chromium';
import { DESKTOP, PHONE, photograph, problemsOf, seriousAccessibilityViolations, signInThroughTheForm } from './support/browser';
import type { TestApp } from './support/test-app';
import { adminAccessToken, eventually, registerConfirmedUser, storedEvents, TEST_ADMIN, TEST_ADMIN_ENV } from './support/users';
import { consoleAppEnv } from './support/web-app';

const PROBE_ID = 'ConsoleRefusedCoursesProbe_v1';
const ANSWER_TIMEOUT_MS = 15_000;

/**
 * The app's own subscriptions park nothing on valid input, so the test adds one to the running app
 * that refuses courses named "Refused …" while `refusing`, and parks them after one attempt.
 */
function refusedCoursesProbe(app: TestApp) {
  const behaviour = { refusing: true, handled: [] as string[] };
  const subscription = app.running.app
    .get(EventsSubscriptionsFactory)
    .subscription(PROBE_ID)
    .withOptions({ maxAttempts: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 2, pollIntervalMs: 50, onPoisonEvent: 'park' })
    .onEvent<CourseWasCreated>('CourseWasCreated', (event: ApplicationEvent<CourseWasCreated>) => {
      if (behaviour.refusing && event.data.name.startsWith('Refused')) throw new Error(`Course "${event.data.name}" is refused`);
      behaviour.handled.push(event.data.name);
    })
    .build();
  return Object.assign(behaviour, { subscription });
}

/** The subscriptions page of the developer console, built from its sources, served by the real API, in Chromium. */
describe('/console/subscriptions in a real browser', () => {
  const web = appInChromium({ ...consoleAppEnv(), ...TEST_ADMIN_ENV });
  let page: Page;
  let adminToken: string;
  let probe: ReturnType<typeof refusedCoursesProbe>;
  let problems: string[];

  beforeAll(async () => {
    adminToken = await adminAccessToken(web.app);
    probe = refusedCoursesProbe(web.app);
    await probe.subscription.start();
  });

  afterAll(async () => {
    await probe?.subscription.stop();
  });

  async function openPage(viewport = DESKTOP): Promise<Page> {
    const context = await web.browser.newContext({ viewport });
    page = await context.newPage();
    problems = problemsOf(page);
    return page;
  }

  const signInAs = (email: string, password: string) => signInThroughTheForm(page, web.origin, { email, password }, ANSWER_TIMEOUT_MS);

  /** Creates a course the probe refuses and waits until the probe has parked its event. */
  async function parkedCourse(): Promise<{ name: string; eventId: string; globalPosition: string }> {
    const name = `Refused ${randomUUID()}`;
    const created = await web.app.http('/api/courses', { method: 'POST', token: adminToken, body: { name, startsAt: '2025-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z' } });
    expect(created.status).toBe(201);
    const parked = await eventually(async () => {
      const listed = (await (await web.app.http(`/api/admin/subscriptions/${PROBE_ID}/parked`, { token: adminToken })).json()) as { eventId: string; globalPosition: string; error: string }[];
      return listed.find((event) => event.error === `Course "${name}" is refused`);
    }, `the parked event of ${name}`);
    return { name, ...parked };
  }

  it('given an admin, then the page lists the subscriptions; they replay one parked event, skip another after confirming, rebuild with the keyboard and watch the progress reach 100 %, and see each action recorded', async () => {
    const replayed = await parkedCourse();
    const skipped = await parkedCourse();
    await openPage();
    await signInAs(TEST_ADMIN.email, TEST_ADMIN.password);

    await page.goto(`${web.origin}/console/subscriptions`);
    const overview = page.getByRole('region', { name: /subscriptions/ });
    await overview.waitFor({ timeout: ANSWER_TIMEOUT_MS });
    const probeRow = overview.getByRole('row', { name: new RegExp(PROBE_ID) });
    await expect.poll(() => probeRow.getByRole('cell').allInnerTexts()).toEqual(expect.arrayContaining(['2', expect.stringContaining('is refused')]));
    await expect.poll(() => overview.getByRole('row', { name: /CoursesReadModel_v1/ }).getByRole('cell').nth(0).innerText()).toBe('read model');
    await expect.poll(() => overview.getByRole('row', { name: /^WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1/ }).getByRole('cell').nth(0).innerText()).toBe('automation');

    await probeRow.getByRole('link', { name: PROBE_ID }).click();
    await page.getByRole('heading', { level: 2, name: PROBE_ID }).waitFor();
    expect(page.url()).toBe(`${web.origin}/console/subscriptions?subscription=${PROBE_ID}`);
    const parkedTable = page.getByRole('table', { name: 'Parked events', exact: true });
    await expect.poll(() => parkedTable.getByRole('row').count()).toBe(3);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await photograph(page, 'console-subscriptions');

    probe.refusing = false;
    await page.getByRole('button', { name: `Replay CourseWasCreated at ${replayed.globalPosition}` }).click();
    await page.getByText(`Replayed CourseWasCreated at ${replayed.globalPosition}: handled, off the list.`).waitFor();
    await expect.poll(() => parkedTable.getByRole('row').count()).toBe(2);
    expect(probe.handled).toContain(replayed.name);

    await page.getByRole('button', { name: `Skip CourseWasCreated at ${skipped.globalPosition}` }).click();
    const confirmSkip = page.getByRole('group', { name: `Skip CourseWasCreated at ${skipped.globalPosition}?` }).getByRole('button', { name: 'Confirm skip' });
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe('Confirm skip');
    await confirmSkip.click();
    await page.getByText(`Skipped CourseWasCreated at ${skipped.globalPosition}: it will not be handled.`).waitFor();
    await page.getByText('None: it has handled every event it was given.').waitFor();
    expect(probe.handled).not.toContain(skipped.name);

    await page.getByRole('button', { name: `Rebuild ${PROBE_ID}…` }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Rebuild ${PROBE_ID}?` });
    await dialog.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe(`Rebuild ${PROBE_ID}…`);
    expect(await storedEvents(web.app, 'SubscriptionRebuildWasRequested')).toEqual([]);
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Rebuild' }).focus();
    await page.keyboard.press('Enter');

    const progress = page.getByRole('progressbar');
    await page.getByText(/^Rebuilt in \d+ s: \d+ events replayed\.$/).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    const [value, max] = await Promise.all([progress.getAttribute('value'), progress.getAttribute('max')]);
    expect(Number(value)).toBe(Number(max));
    expect(await progress.getAttribute('aria-labelledby')).toBeTruthy();
    await expect.poll(() => probeRow.getByRole('cell').last().innerText()).toBe('rebuilt');
    // The rebuild replayed the log: the skipped course, no longer refused, is handled now.
    await eventually(async () => (probe.handled.includes(skipped.name) ? true : undefined), 'the rebuilt probe to handle the skipped course');

    const actions = page.getByRole('table', { name: 'Recent actions', exact: true });
    await expect.poll(() => actions.getByRole('row').allInnerTexts()).toEqual([
      expect.stringContaining('When'),
      expect.stringMatching(/Requested a rebuild\s+ConsoleRefusedCoursesProbe_v1\s+requested/),
      expect.stringMatching(new RegExp(`Skipped parked event ${skipped.eventId}\\s+${PROBE_ID}\\s+skipped`)),
      expect.stringMatching(new RegExp(`Replayed parked event ${replayed.eventId}\\s+${PROBE_ID}\\s+handled`)),
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The browser logs each 4xx it met (the session probe before signing in); anything else is a defect.
    expect(problems.filter((problem) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(problem))).toEqual([]);
  });

  it('given a phone 375 px wide, then the tables scroll inside focusable labelled regions, the page does not scroll sideways, and axe finds nothing serious', async () => {
    await openPage(PHONE);
    await signInAs(TEST_ADMIN.email, TEST_ADMIN.password);

    await page.goto(`${web.origin}/console/subscriptions?subscription=CoursesReadModel_v1`);
    const overview = page.getByRole('region', { name: /subscriptions/ });
    await overview.waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await page.getByRole('heading', { level: 2, name: 'CoursesReadModel_v1' }).waitFor();

    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    expect(await overview.evaluate((region) => region.scrollWidth > region.clientWidth)).toBe(true);
    await overview.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => overview.evaluate((region) => region.scrollLeft)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Rebuild CoursesReadModel_v1…' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('given an unknown subscription in the address, then the page says so; given a participant, it says the page is for administrators, with the reference for support', async () => {
    await openPage();
    await signInAs(TEST_ADMIN.email, TEST_ADMIN.password);
    await page.goto(`${web.origin}/console/subscriptions?subscription=NoSuchReadModel_v1`);
    await page.getByRole('alert').filter({ hasText: 'No subscription “NoSuchReadModel_v1” is defined.' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    await page.context().close();

    const participant = await registerConfirmedUser(web.app);
    await openPage();
    await signInAs(participant.email, participant.password);
    await page.goto(`${web.origin}/console/subscriptions`);
    // The console is for admins: the shell or the page refuses, and says so.
    await page.getByText(/administrators/).first().waitFor({ timeout: ANSWER_TIMEOUT_MS });
  });
});
