import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testServerUrl } from '@coderscamp/event-sourcing/testing/postgres';
import { StreamName } from '@coderscamp/event-sourcing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { USER_EVENT_FEED_SUBSCRIPTION_ID } from '../src/module/read/user-event-feed/user-event-feed.projection';
import { EventStoreFixtures } from './support/event-store-fixtures';
import { healthObservedAfter } from './support/health';
import { testAppPerFile } from './support/test-app';

async function asAdmin(sql: string): Promise<void> {
  const admin = new Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

describe('health probes', () => {
  const app = testAppPerFile();

  afterAll(async () => {
    await asAdmin(`ALTER DATABASE ${app.database.name} ALLOW_CONNECTIONS true`);
  });

  it('given a healthy app, then live and ready answer 200', async () => {
    expect(await (await app.http('/api/health/live')).json()).toEqual({ status: 'ok' });
    expect(await (await app.http('/api/health/ready')).json()).toEqual({ status: 'ready' });
  });

  it('given health asked many times in a row, then the answers share reads made in the background, each at most two seconds old', async () => {
    const askedFrom = Date.now();
    const answers = [];
    for (let asked = 0; asked < 40; asked++) {
      answers.push(((await (await app.http('/api/health')).json()) as { observedAt: string }).observedAt);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const askedUntil = Date.now();

    const reads = new Set(answers);
    // About 1 s of asking, refreshed every 0.5 s: a handful of reads, not one per answer.
    expect(reads.size).toBeGreaterThanOrEqual(2);
    expect(reads.size).toBeLessThanOrEqual(5);
    for (const observedAt of reads) {
      expect(Date.parse(observedAt)).toBeGreaterThan(askedFrom - 2_000);
      expect(Date.parse(observedAt)).toBeLessThanOrEqual(askedUntil);
    }
  });

  it('given the database unreachable, then ready answers 503 while live stays 200, and ready recovers with it', async () => {
    await asAdmin(`ALTER DATABASE ${app.database.name} ALLOW_CONNECTIONS false`);
    await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${app.database.name}'`);

    const ready = await app.http('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Database is unreachable' });
    expect((await app.http('/api/health/live')).status).toBe(200);
    expect(await healthObservedAfter(app.url)).toMatchObject({ status: 'degraded', database: 'down', subscriptions: [] });

    await asAdmin(`ALTER DATABASE ${app.database.name} ALLOW_CONNECTIONS true`);
    await vi.waitFor(async () => expect((await app.http('/api/health/ready')).status).toBe(200), { timeout: 15_000, interval: 200 });
  });

  it('given an event a subscription cannot handle, then after its retries the subscription fails and ready answers 503 naming it', async () => {
    const fixtures = new EventStoreFixtures(app.running);
    // Data the users slice never writes: the feed projection throws on it, every time.
    await fixtures.append(StreamName.of('UserRegistration', randomUUID()), { type: 'UserRegistrationWasCompleted', data: 42 });

    // Other subscriptions that read this event may fail first; wait until the feed's failure is named too.
    await vi.waitFor(
      async () => {
        const ready = await app.http('/api/health/ready');
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining(USER_EVENT_FEED_SUBSCRIPTION_ID) });
      },
      { timeout: 20_000, interval: 200 },
    );
    const health = await healthObservedAfter(app.url);
    expect(health.status).toBe('degraded');
    expect(health.subscriptions).toContainEqual(expect.objectContaining({ subscriptionId: USER_EVENT_FEED_SUBSCRIPTION_ID, state: 'failed' }));
    const metrics = await (await app.http('/metrics')).text();
    expect(metrics).toContain(`subscription_failed{subscription="${USER_EVENT_FEED_SUBSCRIPTION_ID}"} 1`);
    // The event it could not handle is still ahead of it: the lag shows in the metrics too.
    expect(metrics).toMatch(new RegExp(`subscription_lag_events\\{subscription="${USER_EVENT_FEED_SUBSCRIPTION_ID}"\\} [1-9]`));
  });
});
