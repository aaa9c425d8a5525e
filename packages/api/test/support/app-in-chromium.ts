import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { EnvOverrides } from '../../src/shared/config/load-app-config';
import { launchChromium } from './browser';
import { startTestApp, type TestApp } from './test-app';

/** The app and the browser of a describe's tests, once its `beforeAll` has started them. */
export type AppInChromium = Readonly<{
  app: TestApp;
  browser: Browser;
  /** The origin the mails link to and the WebSocket accepts: localhost, not 127.0.0.1. */
  origin: string;
}>;

/**
 * For the enclosing describe: before its tests, starts the app with `env` and launches Chromium;
 * after each test, closes the browser contexts it opened, so no page outlives its test; after all
 * of them, closes Chromium, then the app. Hooks the describe registers later run after these
 * start and before these close.
 */
export function appInChromium(env: EnvOverrides = {}): AppInChromium {
  let app: TestApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    app = await startTestApp(env);
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(browser?.contexts().map((context) => context.close()) ?? []);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  return {
    get app() {
      return startedOrThrow(app, 'app');
    },
    get browser() {
      return startedOrThrow(browser, 'browser');
    },
    get origin() {
      return `http://localhost:${new URL(startedOrThrow(app, 'app').url).port}`;
    },
  };
}

function startedOrThrow<T>(started: T | undefined, what: string): T {
  if (started === undefined) throw new Error(`The ${what} is started by appInChromium's beforeAll: use it in a hook or test`);
  return started;
}
