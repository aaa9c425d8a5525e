import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInChromium } from './support/app-in-chromium';
import { DESKTOP, PHONE, photograph, problemsOf, signInThroughTheForm } from './support/browser';
import { accountReady, approveConfirmation, confirmationTokenFromMail, eventually, postRegistration, TEST_ADMIN, TEST_ADMIN_ENV, uniqueEmail } from './support/users';
import { consoleAppEnv } from './support/web-app';

const CURRENT_COURSE_ID = '2a4c6e80-1b3d-4f57-9a8c-0e1f2d3c4b5a';
const ANSWER_TIMEOUT_MS = 15_000;
const AUTOMATIONS = {
  requestEmailConfirmation: 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1',
  sendEmailMessage: 'WhenEmailConfirmationWasRequestedThenSendEmailMessage_v1',
  completeUserRegistration: 'WhenEmailConfirmationWasApprovedThenCompleteUserRegistration_v1',
  registerCourseUser: 'WhenUserRegistrationWasCompletedThenRegisterCourseUser_v1',
};

/** The console's causation page, built from its sources and served by the real API, in Chromium, as an administrator. */
describe('the console\'s causation page in a real browser', () => {
  const web = appInChromium({ ...consoleAppEnv(), CURRENT_COURSE_ID, ...TEST_ADMIN_ENV });
  let page: Page;
  let problems: string[];
  /** A participant registered and confirmed over HTTP, and the correlation ids the two responses named. */
  let participant: { userId: string; registration: string; approval: string };

  beforeAll(async () => {
    const email = uniqueEmail('causation-page');
    const registration = await postRegistration(web.app, { email, fullName: 'Traced Participant' });
    expect(registration.status).toBe(201);
    const approval = await approveConfirmation(web.app, await confirmationTokenFromMail(web.app, email));
    expect(approval.status).toBe(204);
    participant = {
      userId: ((await registration.json()) as { userId: string }).userId,
      registration: registration.headers.get('x-correlation-id')!,
      approval: approval.headers.get('x-correlation-id')!,
    };
    // Both flows have run to their last automation's event.
    await storedEventOf(participant.registration, 'EmailMessageWasSent');
    await storedEventOf(participant.approval, 'CourseUserWasRegistered');
    await accountReady(web.app, TEST_ADMIN.email, 'admin');
  });

  async function storedEventOf(correlationId: string, type: string): Promise<void> {
    await eventually(
      async () => ((await web.app.database.pool.query(`SELECT 1 FROM es_events WHERE metadata->>'correlationId' = $1 AND type = $2`, [correlationId, type])).rowCount ? true : undefined),
      `${type} in ${correlationId}`,
    );
  }

  async function streamsOf(correlationId: string): Promise<string[]> {
    const { rows } = await web.app.database.pool.query<{ stream_name: string }>(
      `SELECT DISTINCT stream_name FROM es_events WHERE metadata->>'correlationId' = $1 ORDER BY stream_name`,
      [correlationId],
    );
    return rows.map((row) => row.stream_name);
  }

  async function openAsAdmin(viewport = DESKTOP): Promise<void> {
    const context = await web.browser.newContext({ viewport });
    page = await context.newPage();
    problems = problemsOf(page);
    await signInThroughTheForm(page, web.origin, TEST_ADMIN, ANSWER_TIMEOUT_MS);
  }

  /** Problems other than the failed requests a test provokes on purpose (the browser logs each one). */
  const unexpectedProblems = () => problems.filter((problem) => !/Failed to load resource: the server responded with a status of (4\d\d)/.test(problem));

  /** What a view fails of the page's promises: axe's serious or critical WCAG 2.1 A/AA violations, wider than a phone, errors in the console. */
  async function shortcomingsOf(view: string): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${view}: ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
    const viewport = page.viewportSize() ?? DESKTOP;
    await page.setViewportSize(PHONE);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    await page.setViewportSize(viewport);
    return [...serious, ...(width > PHONE.width ? [`${view} is ${width} px wide at 375 px`] : []), ...unexpectedProblems().map((problem) => `${view}: ${problem}`)];
  }

  /**
   * With WEB_APP_SCREENSHOTS=1 (`WEB_APP_SCREENSHOTS=1 npx vitest run --project e2e console-causation`)
   * the tree is photographed for the README, at desktop and phone width.
   */
  /** The tree's node of a command or event: its line, found by its kind and type. */
  const nodeLine = (tree: Locator, kind: 'Command' | 'Event', type: string) =>
    tree.locator('.causation-line').filter({ has: page.getByText(kind, { exact: true }) }).filter({ has: page.getByText(type, { exact: true }) });

  it('given a real registration\'s correlation id, when an admin enters it with the keyboard, then the tree shows the request\'s command, the automations\' commands and the events with their streams, and a branch collapses', async () => {
    await openAsAdmin();
    await page.goto(`${web.origin}/console/causation`);
    await page.getByRole('heading', { name: 'Causation', exact: true }).waitFor();
    const found = await shortcomingsOf('the empty form');

    await expect.poll(() => page.getByRole('radio', { name: 'Correlation id' }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'Correlation id' }).fill(participant.registration);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'What RegisterUser set in motion' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(new URL(page.url()).search).toBe(`?correlationId=${participant.registration}`);
    // The field that looked it up keeps the keyboard's focus.
    expect(await page.evaluate<string>("document.activeElement.labels?.[0]?.textContent + ': ' + document.activeElement.value")).toBe(`Correlation id: ${participant.registration}`);
    const tree = page.getByRole('list', { name: `Causation of ${participant.registration}` });
    const streams = await streamsOf(participant.registration);
    await expect.poll(() => page.locator('.causation-totals').innerText()).toContain(`Streams touched\n${streams.length}`);
    for (const automation of [AUTOMATIONS.requestEmailConfirmation, AUTOMATIONS.sendEmailMessage]) {
      await expect.poll(() => tree.getByText(automation, { exact: true }).count()).toBe(1);
    }
    await expect.poll(() => nodeLine(tree, 'Command', 'RequestEmailConfirmation').innerText()).toContain(`sent by automation ${AUTOMATIONS.requestEmailConfirmation}`);
    await expect.poll(() => nodeLine(tree, 'Command', 'SendEmailMessage').innerText()).toContain(`sent by automation ${AUTOMATIONS.sendEmailMessage}`);
    await expect.poll(() => nodeLine(tree, 'Command', 'RegisterUser').innerText()).toContain('sent by the request');
    for (const type of ['UserRegistrationWasStarted', 'EmailAddressWasReserved', 'EmailConfirmationWasRequested', 'EmailMessageWasSent']) {
      await expect.poll(() => nodeLine(tree, 'Event', type).count()).toBe(1);
    }
    // Every stream the flow touched is named, each linking to its events in the streams page.
    const linked = new Map((await tree.locator('a[href^="/console/streams"]').evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute('href')] as const))).map(([name, href]) => [name, href]));
    expect([...linked.keys()].sort()).toEqual(streams);
    expect(linked.get(`UserRegistration_${participant.userId}`)).toBe(`/console/streams?stream=UserRegistration_${participant.userId}`);
    const started = await nodeLine(tree, 'Event', 'UserRegistrationWasStarted').innerText();
    expect(started).toMatch(new RegExp(`in UserRegistration_${participant.userId} at position 1, global \\d+ · \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\+\\d+ ms`));

    const toggle = tree.getByRole('button', { name: 'What command RegisterUser caused' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await nodeLine(tree, 'Event', 'UserRegistrationWasStarted').isVisible()).toBe(false);
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await nodeLine(tree, 'Event', 'UserRegistrationWasStarted').isVisible()).toBe(true);

    found.push(...(await shortcomingsOf('the tree')));
    await photograph(page, 'console-causation');
    expect(found).toEqual([]);
  });

  it('given a participant\'s user id, when an admin lists their flows and follows the approval\'s, then its tree shows the other two automations\' commands up to the enrolment', async () => {
    await openAsAdmin(PHONE);
    await page.goto(`${web.origin}/console/causation`);
    await page.getByRole('radio', { name: 'User id' }).check();
    await page.getByRole('textbox', { name: 'User id' }).fill(participant.userId);
    await page.getByRole('button', { name: 'Look up' }).click();

    const flows = page.getByRole('region', { name: `Flows about user ${participant.userId}` });
    await flows.getByRole('status').filter({ hasText: 'newest first' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    const links = flows.getByRole('listitem').getByRole('link');
    expect(await links.allInnerTexts()).toEqual([expect.stringMatching(/^ApproveEmailConfirmation at /), expect.stringMatching(/^RegisterUser at /)]);
    expect(await flows.getByRole('listitem').first().innerText()).toContain(`Correlation id ${participant.approval}`);
    const found = await shortcomingsOf('the flows of a user');

    await links.first().click();
    await page.getByRole('heading', { name: 'What ApproveEmailConfirmation set in motion' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(new URL(page.url()).searchParams.get('correlationId')).toBe(participant.approval);
    const tree = page.getByRole('list', { name: `Causation of ${participant.approval}` });
    await expect.poll(() => nodeLine(tree, 'Command', 'CompleteUserRegistration').innerText()).toContain(`sent by automation ${AUTOMATIONS.completeUserRegistration}`);
    await expect.poll(() => nodeLine(tree, 'Command', 'RegisterCourseUser').innerText()).toContain(`sent by automation ${AUTOMATIONS.registerCourseUser}`);
    expect(await nodeLine(tree, 'Event', 'CourseUserWasRegistered').innerText()).toMatch(/in CourseUser_\S+ at position 1/);
    found.push(...(await shortcomingsOf('the tree of a followed flow')));

    // Back to the registration's stream: its flows, by stream this time.
    await tree.getByRole('link', { name: `Flows of UserRegistration_${participant.userId}` }).click();
    const byStream = page.getByRole('region', { name: `Flows that appended to UserRegistration_${participant.userId}` });
    await byStream.getByRole('status').filter({ hasText: 'newest first' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(await byStream.getByRole('listitem').getByRole('link').allInnerTexts()).toEqual([expect.stringMatching(/^ApproveEmailConfirmation at /), expect.stringMatching(/^RegisterUser at /)]);
    expect(found).toEqual([]);
  });

  it('given an id nothing stored, a malformed one and a stream without events, then a friendly message, the failure with its reference, and an empty list', async () => {
    await openAsAdmin();
    await page.goto(`${web.origin}/console/causation?correlationId=never-stored-here`);
    await page.getByRole('status').filter({ hasText: 'No stored event carries the correlation id never-stored-here' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    const found = await shortcomingsOf('a correlation id nothing stored');

    await page.goto(`${web.origin}/console/causation?correlationId=${encodeURIComponent('has space')}`);
    const failure = page.getByRole('alert');
    await failure.waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(await failure.innerText()).toMatch(/We could not load the causation tree\.[\s\S]*Reference for support: [\w-]+/);
    found.push(...(await shortcomingsOf('a malformed correlation id')));

    await page.goto(`${web.origin}/console/causation?streamName=NoSuchStream_1`);
    await page.getByRole('status').filter({ hasText: 'No flow appended to this stream' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(found).toEqual([]);
  });
});
