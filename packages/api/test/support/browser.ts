import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium: installed by the system's package manager, not downloaded by Playwright. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches Chromium for a browser test; the e2e tier's global setup has made sure it is installed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

/** What goes wrong on `page` from now on, as it happens: console errors and uncaught exceptions. */
export function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Signs in through the web app's form, as a person does, and waits for the dashboard's greeting. */
export async function signInThroughTheForm(page: Page, origin: string, account: Readonly<{ email: string; password: string }>, timeoutMs: number): Promise<void> {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Hello, / }).waitFor({ timeout: timeoutMs });
}

/**
 * Words of table cells that the layout breaks over two lines: each word's text should lie on one
 * line. A string: it runs in the page, and these files know no DOM types.
 */
export function wordsBrokenInTables(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const broken = [];
    for (const cell of document.querySelectorAll('th, td, caption')) {
      const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let text = texts.nextNode(); text !== null; text = texts.nextNode()) {
        for (const word of text.textContent.matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(text, word.index);
          range.setEnd(text, word.index + word[0].length);
          const lineTops = new Set([...range.getClientRects()].map((rectangle) => Math.round(rectangle.top)));
          if (lineTops.size > 1) broken.push(word[0]);
        }
      }
    }
    return broken;
  })()`);
}

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

const SCREENSHOTS_DIRECTORY = resolve(__dirname, '../../../../docs/screenshots');

/** Axe's serious or critical violations of the WCAG 2.1 A and AA rules (what the pages promise; axe's best-practice rules are advice). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** With WEB_APP_SCREENSHOTS=1, photographs the page for the README at desktop and phone width, as `docs/screenshots/<name>-<width>.png`. */
export async function photograph(page: Page, name: string): Promise<void> {
  if (process.env.WEB_APP_SCREENSHOTS !== '1') return;
  const viewport = page.viewportSize() ?? DESKTOP;
  for (const [width, size] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS_DIRECTORY, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(viewport);
}
