import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ANY, EventsSubscriptionsFactory, StreamName, type ApplicationEvent, type EventsSubscription } from '@coderscamp/event-sourcing';
import { migrateEventStore, pgSqlClient, PostgresEventStore, PostgresSubscriptionStore, type SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, publishedCluster } from './support/postgres-cluster';
import { ScenarioReport } from './support/scenario-report';
import { scaled } from './support/scenario';

const EVENTS = scaled(300, 'RELIABILITY_HANDLER_EVENTS');
const HANDLER_TIMEOUT_MS = 500;
const RETRY_BASE_DELAY_MS = 100;
/** The hanging handler blocks on this event's first tries, like a dependency that stalls and then recovers. */
const HUNG_EVENT_INDEX = 10;
const HUNG_TRIES = 4;

type Ping = { type: 'PingWasSent'; data: { index: number } };

/**
 * Test-only subscriptions run on the SDK directly (the production app has no handler that fails on
 * purpose): one fails on every third try, one hangs, one is healthy, all over one PostgreSQL database.
 */
describe('slow and failing subscription handlers', () => {
  const report = new ScenarioReport('Slow and failing handlers');
  let pool: Pool;
  let eventStore: PostgresEventStore;
  let factory: EventsSubscriptionsFactory<SqlExecutor>;
  let failed = true;

  beforeAll(async () => {
    pool = new Pool({ connectionString: await createDatabase(publishedCluster(), 'handlers'), max: 10 });
    const sqlClient = pgSqlClient(pool);
    await migrateEventStore(sqlClient);
    for (const table of ['flaky_rows', 'hung_rows', 'healthy_rows']) {
      await pool.query(`CREATE TABLE ${table} (event_id uuid PRIMARY KEY, index integer NOT NULL)`);
    }
    eventStore = new PostgresEventStore(sqlClient);
    factory = new EventsSubscriptionsFactory(eventStore, new PostgresSubscriptionStore(sqlClient), {
      batchSize: 50,
      pollIntervalMs: 200,
      maxAttempts: 10,
      retryBaseDelayMs: RETRY_BASE_DELAY_MS,
      retryMaxDelayMs: 2_000,
      handlerTimeoutMs: HANDLER_TIMEOUT_MS,
    });
  });

  afterAll(async () => {
    report.save(failed);
    await Promise.all(factory.subscriptions().map((subscription) => subscription.stop(2_000)));
    await pool.end();
  });

  const insertInto = (table: string) => async (event: ApplicationEvent<Ping>, tx: SqlExecutor) => {
    // A plain insert: handling an event twice would hit the primary key and show up as a failure.
    await tx.query(`INSERT INTO ${table} (event_id, index) VALUES ($1, $2)`, [event.id, event.data.index]);
  };

  const append = async (from: number, count: number) => {
    const started = Date.now();
    const events = Array.from({ length: count }, (_, offset) => ({
      type: 'PingWasSent' as const,
      data: { index: from + offset },
      id: randomUUID(),
      metadata: { correlationId: randomUUID(), causationId: randomUUID() },
      occurredAt: new Date(),
    }));
    await eventStore.appendToStream(StreamName.of('Ping', 'reliability'), events, { expectedVersion: ANY });
    return Date.now() - started;
  };

  const rowCount = async (table: string) => Number((await pool.query(`SELECT count(DISTINCT index) AS n FROM ${table}`)).rows[0].n);

  it('given a handler failing on every third try and one that hangs, then they retry with back-off, lag shows in status, nothing is skipped and the rest stays responsive', async () => {
    let flakyTries = 0;
    const flaky = factory
      .subscription('ReliabilityFlakyReadModel_v1')
      .onEvent<Ping>('PingWasSent', async (event, tx) => {
        flakyTries += 1;
        if (flakyTries % 3 === 0) throw new Error(`transient failure on try ${flakyTries}`);
        await insertInto('flaky_rows')(event, tx);
      })
      .build();
    const hungTryStarts: number[] = [];
    const hung = factory
      .subscription('ReliabilityHangingReadModel_v1')
      .onEvent<Ping>('PingWasSent', async (event, tx) => {
        if (event.data.index === HUNG_EVENT_INDEX && hungTryStarts.push(Date.now()) <= HUNG_TRIES) {
          await new Promise(() => undefined);
        }
        await insertInto('hung_rows')(event, tx);
      })
      .build();
    const healthy = factory.subscription('ReliabilityHealthyReadModel_v1').onEvent<Ping>('PingWasSent', insertInto('healthy_rows')).build();
    const subscriptions: EventsSubscription<SqlExecutor>[] = [flaky, hung, healthy];
    await Promise.all(subscriptions.map((subscription) => subscription.start()));

    await append(0, HUNG_EVENT_INDEX + 1);
    report.faultsInjected += 1;
    // While the hanging handler is stuck: status shows it, and the rest of the system keeps going.
    await waitFor(() => hungTryStarts.length >= 2, 10_000);
    const appendMs = await append(HUNG_EVENT_INDEX + 1, EVENTS - HUNG_EVENT_INDEX - 1);
    const healthyStarted = Date.now();
    await healthy.caughtUp();
    const healthyCatchUpMs = Date.now() - healthyStarted;
    const stuck = await hung.status();
    if (stuck.lagEvents === 0) report.violation('the hanging subscription showed no lag in its status');
    if (stuck.state !== 'retrying') report.violation(`the hanging subscription was "${stuck.state}", not "retrying"`);
    if (!/timed out/.test(stuck.lastError?.message ?? '')) report.violation(`the hanging subscription's status has no timeout error: ${JSON.stringify(stuck.lastError)}`);
    if (appendMs > 2_000) report.violation(`appending ${EVENTS} events took ${appendMs} ms while a handler hung`);
    if (healthyCatchUpMs > 10_000) report.violation(`the healthy subscription needed ${healthyCatchUpMs} ms to catch up while another hung`);
    report.note(`while hung: lag ${stuck.lagEvents} events / ${stuck.lagSeconds.toFixed(1)} s in status, append of ${EVENTS - HUNG_EVENT_INDEX - 1} events ${appendMs} ms, healthy caught up in ${healthyCatchUpMs} ms`);

    await Promise.all([flaky.caughtUp(), hung.caughtUp()]);
    for (const [table, subscription] of [['flaky_rows', flaky], ['hung_rows', hung], ['healthy_rows', healthy]] as const) {
      const rows = await rowCount(table);
      report.eventsVerified += rows;
      if (rows !== EVENTS) report.violation(`${subscription.subscriptionId} handled ${rows} of ${EVENTS} events`);
      const status = await subscription.status();
      if (status.parkedEvents > 0 || status.lagEvents > 0) report.violation(`${subscription.subscriptionId} ended with ${JSON.stringify(status, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}`);
    }
    const flakyStatus = await flaky.status();
    if (flakyStatus.handlerFailures < Math.floor(EVENTS / 3) - 1) report.violation(`flaky handler failed only ${flakyStatus.handlerFailures} times`);

    // Back-off: after each timeout the pause before the next try grows (base, 2×base, 4×base, with jitter in the upper half).
    const pauses = hungTryStarts.slice(1).map((start, index) => start - hungTryStarts[index]! - HANDLER_TIMEOUT_MS);
    pauses.slice(0, HUNG_TRIES).forEach((pause, index) => {
      const ceiling = RETRY_BASE_DELAY_MS * 2 ** index;
      if (pause < ceiling / 2 - 20) report.violation(`retry ${index + 1} of the hung event came after ${pause} ms, expected at least ${ceiling / 2}`);
    });
    if (!(pauses[HUNG_TRIES - 1]! > pauses[0]!)) report.violation(`retry pauses did not grow: ${pauses.join(', ')} ms`);
    report.note(`flaky handler: ${flakyStatus.handlerFailures} transient failures retried; hung event tried ${hungTryStarts.length} times, pauses after each timeout ${pauses.join(', ')} ms`);

    expect(report.problems()).toEqual([]);
    failed = false;
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
