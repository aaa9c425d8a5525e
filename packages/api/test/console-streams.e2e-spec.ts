import { randomUUID } from 'node:crypto';
import { ANY, StreamName, type EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appInChromium } from './support/app-in-chromium';
import { DESKTOP, PHONE, photograph, problemsOf, seriousAccessibilityViolations, signInThroughTheForm, wordsBrokenInTables } from './support/browser';
import { accountReady, registerConfirmedUser, TEST_ADMIN, TEST_ADMIN_ENV, type TestUser } from './support/users';
import { consoleAppEnv } from './support/web-app';

const ANSWER_TIMEOUT_MS = 15_000;
/** More streams and events than one page of the web app holds (25 streams, 20 events). */
const CATEGORY = 'ConsoleDemo';
const STREAM_COUNT = 30;
const BROWSED_STREAM = `${CATEGORY}_stream-07`;
const BROWSED_STREAM_EVENTS = 25;
const CORRELATION_ID = 'console-streams-demo';

/** The stream browser of the developer console, built from its sources and served by the real API, in Chromium. */
describe('the console\'s stream browser in a real browser', () => {
  const web = appInChromium({ ...consoleAppEnv(), ...TEST_ADMIN_ENV });
  let page: Page;
  let participant: TestUser;
  /** Console errors and failed scripts of the current page. */
  let problems: string[];

  beforeAll(async () => {
    participant = await registerConfirmedUser(web.app, { email: `streams.${randomUUID().slice(0, 8)}@example.com`, fullName: 'Grace Hopper' });
    const eventStore = web.app.running.app.get<symbol, EventStore>(EVENT_STORE);
    for (let index = 0; index < STREAM_COUNT; index++) {
      const stream = `${CATEGORY}_stream-${String(index).padStart(2, '0')}`;
      const count = stream === BROWSED_STREAM ? BROWSED_STREAM_EVENTS : 1;
      const events = Array.from({ length: count }, (_, position) => ({
        type: 'DemoThingHappened',
        data: { index, position, note: `thing ${position + 1} of ${stream}` },
        id: randomUUID(),
        metadata: { correlationId: CORRELATION_ID, causationId: randomUUID() },
        occurredAt: new Date(),
      }));
      await eventStore.appendToStream(StreamName.parse(stream), events, { expectedVersion: ANY });
    }
    await accountReady(web.app, TEST_ADMIN.email, 'admin');
  });

  async function openAsAdmin(viewport = DESKTOP): Promise<Page> {
    const context = await web.browser.newContext({ viewport });
    page = await context.newPage();
    problems = problemsOf(page);
    await signInThroughTheForm(page, web.origin, TEST_ADMIN, ANSWER_TIMEOUT_MS);
    return page;
  }

  /** Problems other than the failed requests a test provokes on purpose (the browser logs each one). */
  const unexpectedProblems = () => problems.filter((problem) => !/Failed to load resource: the server responded with a status of (4\d\d)/.test(problem));

  const loaded = () => page.getByRole('status').filter({ hasText: /^Loading/ }).first().waitFor({ state: 'detached', timeout: ANSWER_TIMEOUT_MS });
  const summary = (text: RegExp) => page.getByText(text).waitFor({ timeout: ANSWER_TIMEOUT_MS });
  const breadcrumbs = () => page.getByRole('navigation', { name: 'Breadcrumb' });
  const eventSummary = (version: number) => page.locator('summary').filter({ hasText: new RegExp(`^#${version} `) });

  it('given an admin, when following a category, loading more streams, searching, opening a stream, loading more events and opening one, then each view shows what the API answers and links back', async () => {
    await openAsAdmin();
    await page.getByRole('link', { name: 'Console' }).click();
    await page.getByRole('navigation', { name: 'Developer console' }).getByRole('link', { name: 'Streams' }).click();
    await page.getByRole('heading', { name: 'Streams', exact: true }).waitFor();
    await loaded();
    expect(await page.getByRole('row', { name: new RegExp(`^${CATEGORY} `) }).getByRole('cell').allTextContents()).toEqual([CATEGORY, String(STREAM_COUNT), String(STREAM_COUNT - 1 + BROWSED_STREAM_EVENTS)]);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Category', 'Streams', 'Events']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: CATEGORY, exact: true }).click();
    await page.getByRole('heading', { name: `${CATEGORY} streams` }).waitFor();
    expect(new URL(page.url()).search).toBe(`?category=${CATEGORY}`);
    await summary(/^25 streams, more to load$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Load more streams' }).click();
    await summary(/^30 streams$/);
    // The first stream of the new page has the focus; no button is left to load more.
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('stream-25');
    expect(await page.getByRole('button', { name: 'Load more streams' }).count()).toBe(0);
    const ids = await page.getByRole('row').locator('td.stream-id').allTextContents();
    expect(ids).toEqual(Array.from({ length: STREAM_COUNT }, (_, index) => `stream-${String(index).padStart(2, '0')}`));

    await page.getByRole('search').getByLabel('Stream id contains').fill('  STREAM-0 ');
    await page.getByRole('button', { name: 'Search' }).click();
    await summary(/^10 streams whose id contains “STREAM-0”$/);
    expect(new URL(page.url()).searchParams.get('search')).toBe('STREAM-0');

    await page.getByRole('link', { name: 'stream-07', exact: true }).click();
    await page.getByRole('heading', { name: `Stream ${BROWSED_STREAM}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('stream')).toBe(BROWSED_STREAM);
    expect(await breadcrumbs().getByRole('link').allTextContents()).toEqual(['Streams', CATEGORY]);
    expect(await breadcrumbs().locator('[aria-current="page"]').textContent()).toBe('stream-07');
    await summary(/^Version 25: 20 of 25 events shown$/);
    await page.getByRole('button', { name: 'Load more events' }).click();
    await summary(/^Version 25: all 25 events shown$/);
    expect(await page.locator('summary .event-version').allTextContents()).toEqual(Array.from({ length: BROWSED_STREAM_EVENTS }, (_, index) => `#${index + 1}`));

    // Keyboard: Tab reaches the next event's summary, its focus visible, and Enter opens the event.
    await eventSummary(1).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toMatch(/^#2 DemoThingHappened/);
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.keyboard.press('Enter');
    const second = page.locator('details').filter({ has: eventSummary(2) });
    expect(await second.getAttribute('open')).not.toBeNull();
    const data = JSON.parse((await second.locator('pre').first().textContent())!) as unknown;
    const metadata = JSON.parse((await second.locator('pre').nth(1).textContent())!) as { correlationId: string };
    expect(data).toEqual({ index: 7, position: 1, note: `thing 2 of ${BROWSED_STREAM}` });
    expect(metadata.correlationId).toBe(CORRELATION_ID);
    const causation = second.getByRole('link', { name: `Causation of correlation ${CORRELATION_ID}` });
    expect(await causation.getAttribute('href')).toBe(`/console/causation?correlationId=${CORRELATION_ID}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await photograph(page, 'console-streams');

    await breadcrumbs().getByRole('link', { name: CATEGORY }).click();
    await page.getByRole('heading', { name: `${CATEGORY} streams` }).waitFor();
    await breadcrumbs().getByRole('link', { name: 'Streams' }).click();
    await page.getByRole('heading', { name: 'Streams', exact: true }).waitFor();
    await causationLinkFollowed();
    expect(unexpectedProblems()).toEqual([]);
  });

  /** The causation link leads into the console's causation page with the id in its query. */
  async function causationLinkFollowed(): Promise<void> {
    await page.goto(`${web.origin}/console/streams?stream=${BROWSED_STREAM}`);
    await loaded();
    await eventSummary(1).click();
    await page.getByRole('link', { name: `Causation of correlation ${CORRELATION_ID}` }).click();
    await page.waitForURL((url) => url.pathname === '/console/causation');
    expect(new URL(page.url()).searchParams.get('correlationId')).toBe(CORRELATION_ID);
  }

  it('given a registered participant\'s stream, then the registration shows their address decrypted; an unknown stream or a malformed name shows why, with the reference', async () => {
    await openAsAdmin();
    await page.goto(`${web.origin}/console/streams?${new URLSearchParams({ stream: `UserRegistration_${participant.userId}` })}`);
    await loaded();
    await page.locator('summary').filter({ hasText: 'UserRegistrationWasStarted' }).click();
    const started = page.locator('details[open]');
    expect(JSON.parse((await started.locator('pre').first().textContent())!)).toMatchObject({ userId: participant.userId, emailAddress: participant.email, fullName: 'Grace Hopper' });

    await page.goto(`${web.origin}/console/streams?stream=${CATEGORY}_no-such-stream`);
    const unknown = page.getByRole('alert');
    await unknown.waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(await unknown.textContent()).toMatch(new RegExp(`^No event is stored in stream ${CATEGORY}_no-such-stream\\.Reference for support: \\S+$`));
    expect(await breadcrumbs().getByRole('link').allTextContents()).toEqual(['Streams', CATEGORY]);

    await page.goto(`${web.origin}/console/streams?stream=NoSeparator`);
    await page.getByRole('alert').filter({ hasText: '“NoSeparator” is not a stream name' }).waitFor({ timeout: ANSWER_TIMEOUT_MS });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(unexpectedProblems()).toEqual([]);
  });

  it('given a phone 375 px wide, then each view fits the screen, its tables break no word and axe finds no serious or critical violation', async () => {
    await openAsAdmin(PHONE);
    const found: string[] = [];
    for (const [path, heading] of [
      ['/console/streams', 'Streams'],
      [`/console/streams?category=${CATEGORY}`, `${CATEGORY} streams`],
      [`/console/streams?category=${CATEGORY}&search=stream-1`, `${CATEGORY} streams`],
      [`/console/streams?stream=${BROWSED_STREAM}`, `Stream ${BROWSED_STREAM}`],
      [`/console/streams?${new URLSearchParams({ stream: `UserRegistration_${participant.userId}` })}`, `Stream UserRegistration_${participant.userId}`],
    ] as const) {
      await page.goto(`${web.origin}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await loaded();
      // Every event open: the longest the page gets.
      for (const summary of await page.locator('summary').all()) await summary.click();
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      if (width > PHONE.width) found.push(`${path} is ${width} px wide`);
      found.push(...(await wordsBrokenInTables(page)).map((word) => `${path} breaks “${word}” over two lines`));
      found.push(...(await seriousAccessibilityViolations(page)).map((violation) => `${path}: ${violation}`));
    }
    found.push(...unexpectedProblems());
    expect(found).toEqual([]);
  });

});
