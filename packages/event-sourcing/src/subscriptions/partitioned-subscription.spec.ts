import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SubscriptionDefinitionError } from '../core/errors';
import type { DomainEvent, EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import type { EventsSubscription } from './events-subscription';
import { EventsSubscriptionsFactory } from './events-subscriptions-factory';
import { InMemorySubscriptionStore } from './in-memory-subscription-store';

type Counted = DomainEvent<'Counted', { n: number }>;

const SUBSCRIPTION = 'Counters_v1';
const fast = { pollIntervalMs: 50, standbyRetryMs: 20, retryBaseDelayMs: 1, retryMaxDelayMs: 2, maxAttempts: 3 };

function counted(n: number): EventToAppend<Counted> {
  return { type: 'Counted', data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

describe('partitioned subscription (in memory)', () => {
  const running: EventsSubscription<undefined>[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });

  function setup() {
    const eventStore = new InMemoryEventStore();
    const store = new InMemorySubscriptionStore();
    /** Every handled event as stream and number, in the order handlers saw them, whichever instance handled it. */
    const handled: { stream: string; n: number; by: number }[] = [];
    let initialized = 0;
    let instances = 0;
    const instance = (partitions: number) => {
      const by = instances++;
      const subscription = new EventsSubscriptionsFactory(eventStore, store, fast)
        .subscription(SUBSCRIPTION)
        .withOptions({ partitions })
        .onInitialPosition(() => {
          initialized += 1;
        })
        .onEvent<Counted>('Counted', (event) => {
          handled.push({ stream: event.streamName, n: event.data.n, by });
        })
        .build();
      running.push(subscription);
      return subscription;
    };
    /** Appends `perStream` numbered events to each of `streams` streams, interleaved across streams. */
    const appendAcross = async (streams: number, perStream: number) => {
      for (let n = 1; n <= perStream; n++) {
        for (let stream = 0; stream < streams; stream++) {
          await eventStore.appendToStream(StreamName.of('Counter', String(stream)), [counted(n)], { expectedVersion: ANY });
        }
      }
    };
    return { eventStore, store, handled, instance, appendAcross, initialized: () => initialized };
  }

  function expectEachOnceInStreamOrder(handled: readonly { stream: string; n: number }[], streams: number, perStream: number) {
    expect(handled).toHaveLength(streams * perStream);
    for (let stream = 0; stream < streams; stream++) {
      const numbers = handled.filter((entry) => entry.stream === `Counter_${stream}`).map((entry) => entry.n);
      expect(numbers).toEqual(Array.from({ length: perStream }, (_, index) => index + 1));
    }
  }

  it('given one partition, then its checkpoint is stored under the subscription id, as before partitions existed', async () => {
    const { store, instance, appendAcross } = setup();
    await appendAcross(2, 2);
    const subscription = instance(1);
    await subscription.start();
    await subscription.caughtUp();
    expect((await store.list()).map((row) => row.subscriptionId)).toEqual([SUBSCRIPTION]);
    expect((await subscription.status()).partitions).toEqual({ count: 1, held: [0] });
  });

  it('given four partitions in one process, then it holds them all, handles each event once in stream order, and initializes once', async () => {
    const { eventStore, store, handled, instance, appendAcross, initialized } = setup();
    await appendAcross(10, 5);
    const subscription = instance(4);
    await subscription.start();
    await subscription.caughtUp();

    expectEachOnceInStreamOrder(handled, 10, 5);
    expect(initialized()).toBe(1);
    const rows = await store.list();
    expect(rows.map((row) => row.subscriptionId).sort()).toEqual([0, 1, 2, 3].map((index) => `${SUBSCRIPTION}/partition-${index}-of-4`));
    const status = await subscription.status();
    expect(status).toMatchObject({ state: 'live', active: true, lagEvents: 0, processedEvents: 50, partitions: { count: 4, held: [0, 1, 2, 3] } });
    // Every partition scanned to the end of the log, so the slowest one is there too.
    expect(status.position).toEqual(await eventStore.endOfLog());
  });

  it('given one instance holding every partition, when a second starts, then it gets half within seconds, and each event is still handled once', async () => {
    const { handled, instance, appendAcross } = setup();
    await appendAcross(8, 3);
    const first = instance(4);
    await first.start();
    await first.caughtUp();
    const second = instance(4);
    await second.start();

    await vi.waitFor(
      async () => {
        expect((await first.status()).partitions.held).toHaveLength(2);
        expect((await second.status()).partitions.held).toHaveLength(2);
      },
      { timeout: 5_000, interval: 50 },
    );
    await appendAcross(8, 3);
    await second.caughtUp();
    // Caught up means every partition, also those the other instance leads.
    expect(handled).toHaveLength(48);
    expect(new Set(handled.slice(24).map((entry) => entry.by))).toEqual(new Set([0, 1]));
  });

  it('given two instances caught up, then the status on each reaches the end of the log, also through the stored checkpoints of the partitions the other leads', async () => {
    const { eventStore, instance, appendAcross } = setup();
    const first = instance(4);
    const second = instance(4);
    await first.start();
    await second.start();
    await vi.waitFor(async () => expect((await second.status()).partitions.held.length).toBeGreaterThan(0), { timeout: 5_000, interval: 50 });
    // One stream: three partitions only scan past its events, which they persist once caught up.
    await appendAcross(1, 20);
    await first.caughtUp();

    const endOfLog = await eventStore.endOfLog();
    await vi.waitFor(
      async () => {
        expect((await first.status()).position).toEqual(endOfLog);
        expect((await second.status()).position).toEqual(endOfLog);
      },
      { timeout: 2_000, interval: 20 },
    );
  });

  it('given two instances sharing the partitions, when one stops, then the other takes over all of them within seconds', async () => {
    const { handled, instance, appendAcross } = setup();
    const first = instance(4);
    const second = instance(4);
    await first.start();
    await second.start();
    await vi.waitFor(async () => expect((await second.status()).partitions.held.length).toBeGreaterThan(0), { timeout: 5_000, interval: 50 });

    await first.stop();
    await vi.waitFor(async () => expect((await second.status()).partitions.held).toEqual([0, 1, 2, 3]), { timeout: 3_000, interval: 50 });
    await appendAcross(4, 2);
    await second.caughtUp();
    expectEachOnceInStreamOrder(handled, 4, 2);
  });

  it('given a partitioned subscription caught up, when rebuilt, then every partition starts over and the read model is cleared once', async () => {
    const { handled, instance, appendAcross, initialized } = setup();
    await appendAcross(6, 2);
    const subscription = instance(3);
    await subscription.start();
    await subscription.caughtUp();

    await subscription.rebuild();
    await vi.waitFor(() => expect(handled).toHaveLength(24), { timeout: 2_000 });
    await subscription.caughtUp();
    expect(initialized()).toBe(2);
    expectEachOnceInStreamOrder(handled.slice(12), 6, 2);
  });

  it('given a partition count outside 1 to 256 or not whole, then building refuses it', () => {
    const factory = new EventsSubscriptionsFactory(new InMemoryEventStore(), new InMemorySubscriptionStore());
    for (const partitions of [0, 1.5, 257]) {
      expect(() => factory.subscription(`Invalid_${String(partitions).replace('.', '_')}`).withOptions({ partitions }).onEvent('Counted', () => undefined).build()).toThrow(
        SubscriptionDefinitionError,
      );
    }
  });
});
