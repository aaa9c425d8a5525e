import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckpointMovedError, EventSourcingError } from '../core/errors';
import { compareLogPositions, logPositionOf, type DomainEvent, type EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { StreamName } from '../core/stream-name';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { postgresEventStorePerDescribe } from '../testing/postgres/test-event-store.fixture';
import { PostgresSubscriptionStore } from './postgres-subscription-store';

type Counted = DomainEvent<'Counted', { n: number }>;

type Checked = DomainEvent<'Checked', { atLeast: number }>;

function counted(n: number): EventToAppend<Counted> {
  return { type: 'Counted', data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

function eventOf(type: string, data: Record<string, unknown> = {}): EventToAppend {
  return { type, data, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

/**
 * Liveness, not speed: what these tests wait for must happen, and a stall never ends, so the bound is
 * generous; vi.waitFor's 1 s default failed on a loaded 2-core machine with nothing wrong.
 */
const eventually = <T>(check: () => T | Promise<T>, options: { timeout?: number } = {}) => vi.waitFor(check, { timeout: 10_000, interval: 10, ...options });
const fast = { pollIntervalMs: 200, standbyRetryMs: 50, retryBaseDelayMs: 5, retryMaxDelayMs: 10, maxAttempts: 3 };

describe('durable subscriptions on PostgreSQL', () => {
  const postgres = postgresEventStorePerDescribe();

  beforeAll(() => postgres.client.executeScript('CREATE TABLE counters (subscription_id text PRIMARY KEY, n integer NOT NULL, seen jsonb NOT NULL)'));

  let category: string;
  beforeEach(() => {
    category = `C${randomUUID().replaceAll('-', '')}`;
  });

  const append = (...ns: number[]) => postgres.eventStore.appendToStream(StreamName.of(category, '1'), ns.map(counted), { expectedVersion: ANY });

  /** A counter read model: its row and the checkpoint must move together. */
  function counter(subscriptionId: string, options: Partial<typeof fast> & { onPoisonEvent?: 'stop' | 'park' } = {}, beforeCount?: (n: number) => void) {
    const factory = new EventsSubscriptionsFactory(postgres.eventStore, postgres.subscriptionStore, { ...fast, ...options });
    const subscription = factory
      .subscription(subscriptionId)
      .onInitialPosition(async (tx) => {
        await tx.query(`INSERT INTO counters VALUES ($1, 0, '[]') ON CONFLICT (subscription_id) DO UPDATE SET n = 0, seen = '[]'`, [subscriptionId]);
      })
      .onEvent<Counted>('Counted', async (event, tx) => {
        if (!event.streamName.startsWith(category)) return;
        await tx.query(`UPDATE counters SET n = n + 1, seen = seen || to_jsonb($2::integer) WHERE subscription_id = $1`, [
          subscriptionId,
          event.data.n,
        ]);
        beforeCount?.(event.data.n);
      })
      .build();
    postgres.running.push(subscription);
    return subscription;
  }

  async function countOf(subscriptionId: string): Promise<{ n: number; seen: number[] }> {
    const { rows } = await postgres.client.query<{ n: number; seen: number[] }>('SELECT n, seen FROM counters WHERE subscription_id = $1', [subscriptionId]);
    return rows[0] ?? { n: 0, seen: [] };
  }

  it('given a handler that fails after writing, then its write is rolled back with the checkpoint and nothing is counted twice', async () => {
    await append(1, 2, 3);
    let failuresLeft = 2;
    const subscription = counter('Transient_v1', {}, (n) => {
      if (n === 2 && failuresLeft-- > 0) throw new Error('transient');
    });
    await subscription.start();
    await eventually(async () => expect(await countOf('Transient_v1')).toEqual({ n: 3, seen: [1, 2, 3] }));
  });

  it('given the store options, then handlers run in a transaction that commits asynchronously (unless asked not to) under the statement timeout', async () => {
    await append(1);
    const settingsSeenBy = async (storeOptions: ConstructorParameters<typeof PostgresSubscriptionStore>[2]) => {
      const store = new PostgresSubscriptionStore(postgres.client, undefined, storeOptions);
      const seen: unknown[] = [];
      const subscription = new EventsSubscriptionsFactory(postgres.eventStore, store, fast)
        .subscription(`Settings_${randomUUID()}`)
        .onEvent<Counted>('Counted', async (event, tx) => {
          if (!event.streamName.startsWith(category)) return;
          const { rows } = await tx.query(`SELECT current_setting('synchronous_commit') AS commit, current_setting('statement_timeout') AS timeout`);
          seen.push(rows[0]);
        })
        .build();
      postgres.running.push(subscription);
      await subscription.start();
      await subscription.caughtUp();
      await subscription.stop();
      await store.close();
      return seen;
    };
    expect(await settingsSeenBy({ statementTimeoutMs: 1_500 })).toEqual([{ commit: 'off', timeout: '1500ms' }]);
    expect(await settingsSeenBy({ synchronousCheckpoints: true })).toEqual([{ commit: 'on', timeout: '0' }]);
  });

  it('given a fully caught-up subscription, when restarted, then no error, no stall, and a new event is handled', async () => {
    await append(1, 2);
    const first = counter('Restart_v1');
    await first.start();
    await eventually(async () => expect((await countOf('Restart_v1')).n).toBe(2));
    await first.stop();

    const second = counter('Restart_v1');
    await second.start();
    await eventually(async () => expect((await second.status()).state).toBe('live'));
    await append(3);
    await eventually(async () => expect(await countOf('Restart_v1')).toEqual({ n: 3, seen: [1, 2, 3] }));
    expect((await second.status()).lastError).toBeNull();
  });

  it('given a transaction that commits late with a lower position, then the event is still delivered, exactly once, in commit-safe order', async () => {
    const subscription = counter('LateCommit_v1');
    await subscription.start();
    await eventually(async () => expect((await subscription.status()).state).toBe('live'));

    const slow = await postgres.database.pool.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO es_events (event_id, stream_name, category, stream_position, type, data, metadata, occurred_at)
         VALUES ($1, $2, $3, 1, 'Counted', '{"n":1}', '{"correlationId":"c","causationId":"x"}', now())`,
        [randomUUID(), `${category}_slow`, category],
      );
      await append(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await countOf('LateCommit_v1')).n).toBe(0);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await eventually(async () => expect(await countOf('LateCommit_v1')).toEqual({ n: 2, seen: [1, 2] }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await countOf('LateCommit_v1')).n).toBe(2);
  });

  it('given events committed before it started but hidden by a transaction still open, then caughtUp() waits until they are handled', async () => {
    const subscription = counter('HiddenCaughtUp_v1');
    const slow = await postgres.database.pool.connect();
    let caughtUp = false;
    try {
      await slow.query('BEGIN');
      // Takes a transaction id now, so every later commit stays hidden from gap-safe reads until it ends.
      await slow.query('SELECT pg_current_xact_id()');
      // Appended before the start, so the subscription is never told of them.
      await append(1, 2);
      await subscription.start();
      const waiting = subscription.caughtUp().then(() => (caughtUp = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(caughtUp).toBe(false);
      await slow.query('COMMIT');
      await waiting;
    } finally {
      slow.release();
    }
    expect(await countOf('HiddenCaughtUp_v1')).toEqual({ n: 2, seen: [1, 2] });
  });

  it('given a poison event and the stop policy, then the subscription is failed, naming the event and error, in memory and in the table', async () => {
    await append(1, 2, 3);
    const subscription = counter('PoisonStop_v1', {}, (n) => {
      if (n === 2) throw new Error('two is poison');
    });
    await subscription.start();
    await eventually(async () => expect((await subscription.status()).state).toBe('failed'));
    const status = await subscription.status();
    expect(status.lastError).toMatchObject({ eventType: 'Counted', message: 'two is poison', attempts: 3 });
    expect(await countOf('PoisonStop_v1')).toEqual({ n: 1, seen: [1] });
    expect(await postgres.subscriptionStore.find('PoisonStop_v1')).toMatchObject({ state: 'failed', lastError: { message: 'two is poison' } });
  });

  it('given a poison event and the park policy, then it is parked with its error and the rest is handled', async () => {
    await append(1, 2, 3);
    const subscription = counter('PoisonPark_v1', { onPoisonEvent: 'park' }, (n) => {
      if (n === 2) throw new Error('two is poison');
    });
    await subscription.start();
    await eventually(async () => expect(await countOf('PoisonPark_v1')).toEqual({ n: 2, seen: [1, 3] }));
    const { rows } = await postgres.client.query<{ event_type: string; error: string; attempts: number }>(
      'SELECT event_type, error, attempts FROM es_parked_events WHERE subscription_id = $1',
      ['PoisonPark_v1'],
    );
    expect(rows).toEqual([{ event_type: 'Counted', error: 'two is poison', attempts: 3 }]);
    expect((await subscription.status()).parkedEvents).toBe(1);
  });

  /** A counter whose Counted events are handled in batches, each written with one statement. */
  function batchCounter(subscriptionId: string, onBatch: (ns: number[]) => void = () => undefined, onOther: () => void = () => undefined) {
    const subscription = new EventsSubscriptionsFactory(postgres.eventStore, postgres.subscriptionStore, { ...fast, onPoisonEvent: 'park' })
      .subscription(subscriptionId)
      .onInitialPosition(async (tx) => {
        await tx.query(`INSERT INTO counters VALUES ($1, 0, '[]')`, [subscriptionId]);
      })
      .onEvents<Counted>(['Counted'], async (events, tx) => {
        const ns = events.filter((event) => event.streamName.startsWith(category)).map((event) => event.data.n);
        await tx.query(`UPDATE counters SET n = n + $2, seen = seen || $3::jsonb WHERE subscription_id = $1`, [subscriptionId, ns.length, JSON.stringify(ns)]);
        // Earlier tests' events come in batches of their own when a page ends between theirs and this test's.
        if (ns.length > 0) onBatch(ns);
      })
      .onEvent('Other', () => onOther())
      .build();
    postgres.running.push(subscription);
    return subscription;
  }

  it('given a batch handler, then consecutive events of its types reach it in one call, in log order, split where another handler comes in between', async () => {
    const calls: (number[] | 'other')[] = [];
    await postgres.eventStore.appendToStream(StreamName.of(category, '1'), [counted(1), counted(2), { ...counted(0), type: 'Other' }, counted(3), counted(4), counted(5)], {
      expectedVersion: ANY,
    });
    const subscription = batchCounter('Batches_v1', (ns) => calls.push(ns), () => calls.push('other'));
    await subscription.start();
    await subscription.caughtUp();
    expect(calls).toEqual([[1, 2], 'other', [3, 4, 5]]);
    expect(await countOf('Batches_v1')).toEqual({ n: 5, seen: [1, 2, 3, 4, 5] });
  });

  it('given a batch that fails on one event, then its writes roll back, the events before are handled, the poison is parked and the rest handled once', async () => {
    await append(1, 2, 3, 4, 5);
    const subscription = batchCounter('PoisonBatch_v1', (ns) => {
      if (ns.includes(3)) throw new Error('three is poison');
    });
    await subscription.start();
    await eventually(async () => expect(await countOf('PoisonBatch_v1')).toEqual({ n: 4, seen: [1, 2, 4, 5] }));
    const { rows } = await postgres.client.query('SELECT error FROM es_parked_events WHERE subscription_id = $1', ['PoisonBatch_v1']);
    expect(rows).toEqual([{ error: 'three is poison' }]);
  });

  it('given a checkpoint moved elsewhere, then committing or parking from the old one fails with CheckpointMovedError and writes nothing', async () => {
    const from = await postgres.subscriptionStore.initialize('Moved_v1', async () => undefined);
    const ahead = { transactionId: from.transactionId, globalPosition: from.globalPosition + 5n };
    await postgres.subscriptionStore.commit('Moved_v1', from, ahead, async () => undefined);
    // Over a pipelining pool the work runs before the compare's answer is in; its writes must still be rolled back.
    await expect(
      postgres.subscriptionStore.commit('Moved_v1', from, { ...ahead, globalPosition: ahead.globalPosition + 1n }, async (tx) => {
        await tx.query('CREATE TABLE moved_work (id integer)');
      }),
    ).rejects.toSatisfy((error) => error instanceof CheckpointMovedError && error instanceof EventSourcingError && error.code === 'CHECKPOINT_MOVED');
    const [event] = (await append(1)).events;
    await expect(
      postgres.subscriptionStore.park('Moved_v1', from, event!, { eventId: event!.id, eventType: event!.type, globalPosition: event!.globalPosition, message: 'x', attempts: 1, failedAt: new Date() }),
    ).rejects.toBeInstanceOf(CheckpointMovedError);

    expect((await postgres.client.query(`SELECT to_regclass('moved_work') AS work`)).rows).toEqual([{ work: null }]);
    expect((await postgres.subscriptionStore.find('Moved_v1'))?.position).toEqual(ahead);
    expect((await postgres.client.query('SELECT count(*)::integer AS n FROM es_parked_events WHERE subscription_id = $1', ['Moved_v1'])).rows).toEqual([{ n: 0 }]);
  });

  it('given two runners of one subscription, then one is active and the other takes over when its lock session dies', async () => {
    const otherStore = new PostgresSubscriptionStore(postgres.client);
    const factory = new EventsSubscriptionsFactory(postgres.eventStore, otherStore, fast);
    const active = counter('Exclusive_v1');
    await active.start();
    await eventually(async () => expect((await active.status()).active).toBe(true));
    const standby = factory
      .subscription('Exclusive_v1')
      .onEvent<Counted>('Counted', async (event, tx) => {
        if (!event.streamName.startsWith(category)) return;
        await tx.query(`UPDATE counters SET n = n + 1, seen = seen || to_jsonb($2::integer) WHERE subscription_id = $1`, ['Exclusive_v1', event.data.n]);
      })
      .build();
    postgres.running.push(standby);
    await standby.start();
    await append(1, 2);
    await eventually(async () => expect((await countOf('Exclusive_v1')).n).toBe(2));
    // 'starting' until its first try for the lease, which a loaded machine may not have made yet.
    await eventually(async () => expect((await standby.status()).state).toBe('standby'));

    // Kill the active runner's lock connection, as a crash of its process would.
    await active.stop();
    await append(3);
    await eventually(async () => expect(await countOf('Exclusive_v1')).toEqual({ n: 3, seen: [1, 2, 3] }));
    await otherStore.close();
  });
  it('given an automation reading a counter another process projects, then it waits for that checkpoint in the table and never reads a lagging count', async () => {
    const PROJECTION = 'CounterRead_v1';
    const otherProcessStore = new PostgresSubscriptionStore(postgres.client);
    const otherProcess = new EventsSubscriptionsFactory(postgres.eventStore, otherProcessStore, fast);
    // Every process builds the same subscriptions; this one only runs the automation.
    otherProcess.subscription(PROJECTION).onEvent<Counted>('Counted', () => undefined).build();
    const checked: number[] = [];
    const automation = otherProcess
      .subscription('CheckCounter_v1')
      .readsFrom(PROJECTION)
      .withOptions({ transactionalHandlers: false })
      .onEvent<Checked>('Checked', async (event) => {
        if (!event.streamName.startsWith(category)) return;
        const { n } = await countOf(PROJECTION);
        if (n < event.data.atLeast) throw new Error(`Counted ${n}, expected at least ${event.data.atLeast}`);
        checked.push(event.data.atLeast);
      })
      .build();
    postgres.running.push(automation);
    const appendToLog = (...events: EventToAppend[]) => postgres.eventStore.appendToStream(StreamName.of(category, '1'), events, { expectedVersion: ANY });
    await appendToLog(counted(1), eventOf('Checked', { atLeast: 1 }), counted(2));
    await appendToLog(counted(3), eventOf('Other'), eventOf('Checked', { atLeast: 3 }));

    await automation.start();
    await eventually(async () => expect(await automation.status()).toMatchObject({ state: 'waiting', waitingFor: { subscriptionId: PROJECTION } }));
    const projection = counter(PROJECTION);
    await projection.start();
    await eventually(() => expect(checked).toEqual([1, 3]));

    // The projection does not store its checkpoint for entries it does not handle; nothing to wait for there.
    const { events } = await appendToLog(eventOf('Other'), eventOf('Checked', { atLeast: 3 }));
    await eventually(() => expect(checked).toEqual([1, 3, 3]));
    const projectionCheckpoint = (await postgres.subscriptionStore.find(PROJECTION))!.position;
    expect(compareLogPositions(projectionCheckpoint, logPositionOf(events[1]!))).toBeLessThan(0);
    expect((await automation.status()).handlerFailures).toBe(0);
    await automation.stop();
    await otherProcessStore.close();
  });
});
