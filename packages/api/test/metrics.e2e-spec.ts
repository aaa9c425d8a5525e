import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandBus } from '@nestjs/cqrs';
import { type ApplicationService, StreamName } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_EVENT_FEED_SUBSCRIPTION_ID } from '../src/module/read/user-event-feed/user-event-feed.projection';
import { startTestApp, testAppPerFile } from './support/test-app';
import { eventually } from './support/users';

const DASHBOARD = join(__dirname, '../../../deploy/grafana/dashboards/coderscamp-api.json');

/** The names a scrape can show: every sample, and the series a histogram or summary expands into. */
function exportedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const declared = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (declared) {
      const [, name, type] = declared;
      names.add(name);
      if (type === 'histogram') ['_bucket', '_sum', '_count'].forEach((suffix) => names.add(name + suffix));
      if (type === 'summary') ['_sum', '_count'].forEach((suffix) => names.add(name + suffix));
    } else if (line !== '' && !line.startsWith('#')) {
      names.add(line.split(/[{ ]/)[0]);
    }
  }
  return names;
}

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'offset', 'bool', 'le']);

/** Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or durations. */
function metricNamesIn(expression: string): string[] {
  const withoutMatchers = expression
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/"[^"]*"/g, '');
  return [...withoutMatchers.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)]
    .filter(([, name, call]) => call === undefined && !PROMQL_WORDS.has(name))
    .map(([, name]) => name);
}

describe('metrics at /metrics', () => {
  const app = testAppPerFile();
  let exposition: string;

  beforeAll(async () => {
    await app.http('/api/health/live');
    await app.http('/api/no-such-route');
    const applicationService = app.running.app.get<symbol, ApplicationService>(APPLICATION_SERVICE);
    const userId = randomUUID();
    await applicationService.execute(StreamName.of('UserRegistration', userId), { correlationId: 'metrics', causationId: randomUUID() }, (past) =>
      past.length === 0 ? [{ type: 'UserRegistrationWasCompleted', data: { userId, fullName: 'Ada', emailAddress: 'ada@example.com', hashedPassword: 'x' } }] : [],
    );
    // No handler is registered for it, so it is counted as an error.
    await app.running.app.get(CommandBus).execute({ type: 'NoSuchCommand' }).catch(() => undefined);
    const response = await app.http('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    exposition = await response.text();
  });

  it('given requests, then a duration histogram labels them by method, route template and status', () => {
    expect(exposition).toContain('http_request_duration_seconds_count{method="GET",route="/api/health/live",status_code="200"} 1');
    expect(exposition).toContain('http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 1');
  });

  it('given a command and an append, then counts the command by type and outcome and the event by type', () => {
    expect(exposition).toContain('commands_handled_total{type="NoSuchCommand",outcome="error"} 1');
    expect(exposition).toContain('events_appended_total{type="UserRegistrationWasCompleted"} 1');
  });

  it('given the running subscriptions, then exports position, lag, errors, parked events and state for each', () => {
    const label = `{subscription="${USER_EVENT_FEED_SUBSCRIPTION_ID}"}`;
    for (const metric of ['subscription_position', 'subscription_lag_events', 'subscription_lag_seconds', 'subscription_handler_errors', 'subscription_parked_events', 'subscription_active', 'subscription_failed']) {
      expect(exposition).toMatch(new RegExp(`^${metric}${label.replace(/[{}]/g, '\\$&')} \\d`, 'm'));
    }
  });

  it('given the database pool and the process, then exports their usage', () => {
    expect(exposition).toMatch(/^db_pool_connections \d+$/m);
    expect(exposition).toMatch(/^db_pool_idle_connections \d+$/m);
    expect(exposition).toMatch(/^db_pool_waiting_requests \d+$/m);
    expect(exposition).toMatch(/^process_cpu_seconds_total \d/m);
    expect(exposition).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('given a transaction holding a transaction id open on another connection, then the oldest transaction age counts it until it commits', async () => {
    const oldestTransactionAge = async () => {
      const scraped = /^db_oldest_transaction_age_seconds (\S+)$/m.exec(await (await app.http('/metrics')).text());
      expect(scraped, 'db_oldest_transaction_age_seconds is exported').not.toBeNull();
      return Number(scraped![1]);
    };
    const held = await app.database.pool.connect();
    try {
      await held.query('BEGIN');
      await held.query('SELECT txid_current()');
      await sleep(1_200);
      expect(await oldestTransactionAge()).toBeGreaterThanOrEqual(1);
    } finally {
      await held.query('COMMIT');
      held.release();
    }
    // Other test files share the server: one of their transactions may be the oldest for a moment.
    await eventually(async () => ((await oldestTransactionAge()) < 1 ? true : undefined), 'the oldest transaction age to drop below 1 s');
  });

  it('given the Grafana dashboard, then every panel queries only metrics the app exports', async () => {
    const dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
    const exported = exportedNames(exposition);
    expect(dashboard.panels.length).toBeGreaterThan(10);

    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const { expr } of panel.targets) {
        const names = metricNamesIn(expr);
        expect(names.length, `${panel.title}: ${expr}`).toBeGreaterThan(0);
        for (const name of names) expect(exported.has(name), `${panel.title} queries ${name}, which the app does not export`).toBe(true);
      }
    }
  });

  it('given a PromQL expression, then the name extraction finds its metrics and nothing else', () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))')).toEqual([
      'http_request_duration_seconds_bucket',
    ]);
    expect(metricNamesIn('sum by (instance) (db_pool_connections) / on (instance) db_pool_idle_connections')).toEqual([
      'db_pool_connections',
      'db_pool_idle_connections',
    ]);
  });
});

describe('metrics switched off', () => {
  it('given METRICS_ENABLED=false, then /metrics is not served', async () => {
    const app = await startTestApp({ METRICS_ENABLED: 'false' });
    try {
      expect((await app.http('/metrics')).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
