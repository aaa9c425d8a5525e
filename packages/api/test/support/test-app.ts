import { createTestDatabase, type TestDatabase } from '@coderscamp/event-sourcing/testing';
import { createApp, type RunningApp } from '../../src/create-app';
import type { EnvOverrides } from '../../src/shared/config/load-app-config';
import { TestMailbox } from './test-mailbox';

export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-production-rules';

export type TestApp = Readonly<{
  running: RunningApp;
  url: string;
  database: TestDatabase;
  mailbox: TestMailbox;
  /** fetch against the app: `http('/api/health')`, JSON bodies are serialised. */
  http(path: string, init?: TestRequestInit): Promise<Response>;
  close(): Promise<void>;
}>;

export type TestRequestInit = Omit<RequestInit, 'body'> & { body?: unknown; token?: string };

/**
 * The whole application, started for real: its own PostgreSQL database, a real SMTP server that
 * receives its mail, a random port. Each e2e file starts one and closes it.
 */
export async function startTestApp(env: EnvOverrides = {}): Promise<TestApp> {
  const database = await createTestDatabase({ prefix: 'e2e' });
  const mailbox = await TestMailbox.start();
  const running = await createApp({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    SMTP_URL: mailbox.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const http = (path: string, init: TestRequestInit = {}) => {
    const { body, token, headers, ...rest } = init;
    const allHeaders = new Headers(headers);
    if (body !== undefined && !allHeaders.has('content-type')) allHeaders.set('content-type', 'application/json');
    if (token) allHeaders.set('authorization', `Bearer ${token}`);
    const payload = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
    return fetch(`${running.url}${path}`, { ...rest, headers: allHeaders, body: payload as string | undefined });
  };
  return {
    running,
    url: running.url,
    database,
    mailbox,
    http,
    close: async () => {
      await running.app.close();
      await mailbox.stop();
      await database.drop();
    },
  };
}
