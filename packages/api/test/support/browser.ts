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
