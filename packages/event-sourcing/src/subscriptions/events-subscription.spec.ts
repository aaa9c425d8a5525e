import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventStoreUnavailableError, SubscriptionDefinitionError } from '../core/errors';
import { compareLogPositions, logPositionOf, type ApplicationEvent, type DomainEvent, type EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { silentLogger } from '../core/logger';
import { StreamName } from '../core/stream-name';
import type { EventsSubscription } from './events-subscription';
import { EventsSubscriptionsFactory } from './events-subscriptions-factory';
import { InMemorySubscriptionStore } from './in-memory-subscription-store';

type Counted = DomainEvent<'Counted', { n: number }>;

function counted(n: number): EventToAppend<Counted> {
  return { type: 'Counted', data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

function eventOf(type: string, data: Record<string, unknown>): EventToAppend {
  return { type, data, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

const fast = { pollIntervalMs: 50, standbyRetryMs: 20, retryBaseDelayMs: 1, retryMaxDelayMs: 2, maxAttempts: 3 };

describe('durable subscription (in memory)', () => {
  const running: EventsSubscription<undefined>[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });

  function setup() {
    const eventStore = new InMemoryEventStore();
    const store = new InMemorySubscriptionStore();
    const factory = () => new EventsSubscriptionsFactory(eventStore, store, fast);
    const append = (...ns: number[]) => eventStore.appendToStream(StreamName.of('Counter', '1'), ns.map(counted), { expectedVersion: ANY });
    return { eventStore, store, factory, append };
  }

  function collecting(factory: EventsSubscriptionsFactory<undefined>, id = 'Collector_v1', handle?: (n: number) => void) {
    const seen: number[] = [];
    let initialized = 0;
    const subscription = factory
      .subscription(id)
      .onInitialPosition(() => {
        initialized += 1;
      })
      .onEvent<Counted>('Counted', (event) => {
        handle?.(event.data.n);
        seen.push(event.data.n);
      })
      .build();
    running.push(subscription);
    return { subscription, seen, initialized: () => initialized };
  }

  it('given past events, when started, then it catches up and follows new events live', async () => {
    const { factory, append } = setup();
    await append(1, 2, 3);
    const { subscription, seen, initialized } = collecting(factory());
    await subscription.start();
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3]));
    await append(4);
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3, 4]));
    expect(initialized()).toBe(1);
    expect((await subscription.status()).state).toBe('live');
  });

  it('given a live subscription with nothing new to commit, when rebuilt, then it clears its read model and replays every event at once, not at its next poll', async () => {
    const { eventStore, store, append } = setup();
    await append(1, 2, 3);
    const quietPoll = new EventsSubscriptionsFactory(eventStore, store, { ...fast, pollIntervalMs: 60_000 });
    const { subscription, seen, initialized } = collecting(quietPoll);
    await subscription.start();
    await subscription.caughtUp();

    await subscription.rebuild();

    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3, 1, 2, 3]), { timeout: 2_000 });
    expect(initialized()).toBe(2);
    expect((await subscription.status()).position).toEqual((await store.find('Collector_v1'))?.position);
  });

  it('given a stopped subscription, when rebuilt and started, then it starts from the first event', async () => {
    const { factory, store, append } = setup();
    await append(1, 2);
    const first = collecting(factory());
    await first.subscription.start();
    await vi.waitFor(() => expect(first.seen).toEqual([1, 2]));
    await first.subscription.stop();
    const second = collecting(factory());

    await second.subscription.rebuild();
    expect(await store.find('Collector_v1')).toBeNull();
    await second.subscription.start();

    await vi.waitFor(() => expect(second.seen).toEqual([1, 2]));
    expect(second.initialized()).toBe(1);
  });

  it('given appends of types it does not handle, then it does not read the log for each; one read a moment later moves it past them all; a handled one is read at once', async () => {
    const { eventStore, store, append } = setup();
    const quietPoll = new EventsSubscriptionsFactory(eventStore, store, { ...fast, pollIntervalMs: 60_000 });
    const { subscription, seen } = collecting(quietPoll);
    await subscription.start();
    await subscription.caughtUp();
    // The read that caughtUp() asked for may still follow; let it.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const reads = vi.spyOn(eventStore, 'readAll');
    for (let index = 0; index < 5; index++) {
      await eventStore.appendToStream(StreamName.of('Other', '1'), [{ ...counted(index), type: 'Other' }], { expectedVersion: ANY });
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reads).not.toHaveBeenCalled();
    // Long before the 60 s poll: the position, and so the lag, catch up with the log.
    await vi.waitFor(async () => expect((await subscription.status()).lagEvents).toBe(0), { timeout: 1_000 });
    expect(reads).toHaveBeenCalledTimes(1);
    await append(1);
    await vi.waitFor(() => expect(seen).toEqual([1]), { timeout: 1_000 });
  });

  it('given a least interval between reads, then an append after a quiet spell is handled at once, and appends closer together wait to share one page', async () => {
    const { eventStore, store, append } = setup();
    const minReadIntervalMs = 600;
    const throttled = new EventsSubscriptionsFactory(eventStore, store, { ...fast, pollIntervalMs: 60_000, minReadIntervalMs });
    // The pages read with events in them (in memory, each event then commits on its own).
    const pages: number[][] = [];
    const readAll = eventStore.readAll.bind(eventStore);
    vi.spyOn(eventStore, 'readAll').mockImplementation(async (options) => {
      const page = await readAll(options);
      if (page.events.length > 0) pages.push(page.events.map((event) => (event.data as Counted['data']).n));
      return page;
    });
    const { subscription } = collecting(throttled);
    await subscription.start();
    await subscription.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, minReadIntervalMs));

    const appendedAt = performance.now();
    await append(1);
    await vi.waitFor(() => expect(pages).toEqual([[1]]), { timeout: minReadIntervalMs / 2, interval: 5 });
    const firstHandledAfterMs = performance.now() - appendedAt;
    for (const n of [2, 3, 4]) {
      await append(n);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await vi.waitFor(() => expect(pages).toEqual([[1], [2, 3, 4]]), { timeout: 2 * minReadIntervalMs });
    expect(firstHandledAfterMs).toBeLessThan(minReadIntervalMs / 2);
  });

  it('given a subscription stopped by a poison event, when started again once the handler is fixed, then it handles the event and goes on', async () => {
    const { factory, append } = setup();
    let broken = true;
    const { subscription, seen } = collecting(factory(), 'Collector_v1', (n) => {
      if (n === 2 && broken) throw new Error('not yet');
    });
    await append(1, 2, 3);
    await subscription.start();
    await vi.waitFor(() => expect(subscription.state).toBe('failed'));

    broken = false;
    await subscription.start();

    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3]));
  });

  it('given a restart after catching up, then nothing is delivered twice and new events still arrive', async () => {
    const { factory, append } = setup();
    await append(1, 2);
    const first = collecting(factory());
    await first.subscription.start();
    await vi.waitFor(() => expect(first.seen).toEqual([1, 2]));
    await first.subscription.stop();

    const second = collecting(factory());
    await second.subscription.start();
    await append(3);
    await vi.waitFor(() => expect(second.seen).toEqual([3]));
    expect(second.initialized()).toBe(0);
  });

  it('given a handler that always fails on one event and the stop policy, then the subscription fails naming the event and error', async () => {
    const { factory, append } = setup();
    await append(1, 2, 3);
    const { subscription, seen } = collecting(factory(), 'Failing_v1', (n) => {
      if (n === 2) throw new Error('cannot handle two');
    });
    await subscription.start();
    await vi.waitFor(async () => expect((await subscription.status()).state).toBe('failed'));
    const status = await subscription.status();
    expect(seen).toEqual([1]);
    expect(status.lastError).toMatchObject({ eventType: 'Counted', message: 'cannot handle two', attempts: 3 });
  });

  it('given a handler that always fails on one event and the park policy, then the event is parked and the rest is handled', async () => {
    const { eventStore, store, append } = setup();
    await append(1, 2, 3);
    const factory = new EventsSubscriptionsFactory(eventStore, store, { ...fast, onPoisonEvent: 'park' });
    const { subscription, seen } = collecting(factory, 'Parking_v1', (n) => {
      if (n === 2) throw new Error('cannot handle two');
    });
    await subscription.start();
    await vi.waitFor(() => expect(seen).toEqual([1, 3]));
    expect((await subscription.status()).parkedEvents).toBe(1);
  });

  it('given a handler failing transiently, then it is retried and nothing is skipped', async () => {
    const { factory, append } = setup();
    await append(1, 2, 3);
    let failuresLeft = 2;
    const { subscription, seen } = collecting(factory(), 'Transient_v1', (n) => {
      if (n === 2 && failuresLeft-- > 0) throw new Error('transient');
    });
    await subscription.start();
    await vi.waitFor(() => expect(seen).toEqual([1, 2, 3]));
    expect((await subscription.status()).handlerFailures).toBe(2);
  });

  it('given a failing handler while new events keep arriving, then each retry still waits out its back-off', async () => {
    const { eventStore, store, append } = setup();
    const backOff = { ...fast, retryBaseDelayMs: 200, retryMaxDelayMs: 200, maxAttempts: 4 };
    const tries: number[] = [];
    const subscription = new EventsSubscriptionsFactory(eventStore, store, backOff)
      .subscription('BackOff_v1')
      .onEvent<Counted>('Counted', (event) => {
        if (event.data.n === 1 && tries.push(Date.now()) < 3) throw new Error('transient');
      })
      .build();
    running.push(subscription);
    await append(1);
    await subscription.start();
    // Every append wakes the subscription; none of these may cut the pause before a retry short.
    const arrivals = setInterval(() => void append(2), 10);
    try {
      await vi.waitFor(() => expect(tries).toHaveLength(3), { timeout: 2_000 });
    } finally {
      clearInterval(arrivals);
    }
    const pauses = tries.slice(1).map((at, index) => at - tries[index]!);
    expect(Math.min(...pauses)).toBeGreaterThanOrEqual(backOff.retryBaseDelayMs / 2 - 5);
  });

  it('given the database unavailable for longer than the retries allow, then the subscription waits for it instead of failing the event', async () => {
    const { factory, append } = setup();
    await append(1, 2);
    let outageLeft = 10;
    const { subscription, seen } = collecting(factory(), 'Outage_v1', (n) => {
      if (n === 2 && outageLeft-- > 0) throw new EventStoreUnavailableError('database restarting');
    });
    await subscription.start();
    await vi.waitFor(() => expect(seen).toEqual([1, 2]));
    const status = await subscription.status();
    expect(status.state).not.toBe('failed');
    expect(status.handlerFailures).toBe(0);
  });

  it('runs the after-commit handler once the handled events are committed, not for attempts that failed', async () => {
    const { factory, append } = setup();
    await append(1, 2, 3);
    let failuresLeft = 1;
    const handled: number[] = [];
    const committedWhenCalled: number[][] = [];
    const subscription = factory()
      .subscription('AfterCommit_v1')
      .onEvent<Counted>('Counted', (event) => {
        if (event.data.n === 3 && failuresLeft-- > 0) throw new Error('transient');
        handled.push(event.data.n);
      })
      .afterCommit(() => {
        committedWhenCalled.push([...handled]);
      })
      .build();
    running.push(subscription);
    await subscription.start();
    await vi.waitFor(() => expect(handled).toEqual([1, 2, 3]));
    await vi.waitFor(() => expect(committedWhenCalled.at(-1)).toEqual([1, 2, 3]));
    expect(committedWhenCalled.every((seen) => seen.length > 0)).toBe(true);
  });

  it('given two instances of one subscription, then only one handles events and the other takes over when it stops', async () => {
    const { factory, append } = setup();
    const handledBy: string[] = [];
    const make = (name: string) => {
      const subscription = factory()
        .subscription('Exclusive_v1')
        .onEvent<Counted>('Counted', () => {
          handledBy.push(name);
        })
        .build();
      running.push(subscription);
      return subscription;
    };
    const a = make('a');
    const b = make('b');
    await a.start();
    await vi.waitFor(async () => expect((await a.status()).active).toBe(true));
    await b.start();
    await append(1, 2);
    await vi.waitFor(() => expect(handledBy).toEqual(['a', 'a']));
    expect((await b.status()).state).toBe('standby');

    await a.stop();
    await append(3);
    await vi.waitFor(() => expect(handledBy).toEqual(['a', 'a', 'b']));
  });

  it('given a handler that hangs, when stopped, then stop returns within a second', async () => {
    const { factory, append } = setup();
    await append(1);
    const subscription = factory()
      .subscription('Hanging_v1')
      .onEvent<Counted>('Counted', () => new Promise<void>(() => undefined))
      .build();
    running.push(subscription);
    await subscription.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(1_100);
  });

  it('delivers application events with their envelope', async () => {
    const { factory, append } = setup();
    const received: ApplicationEvent[] = [];
    const subscription = factory()
      .subscription('Envelope_v1')
      .onEvent<Counted>('Counted', (event) => {
        received.push(event);
      })
      .build();
    running.push(subscription);
    await append(7);
    await subscription.start();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ type: 'Counted', data: { n: 7 }, streamName: 'Counter_1', streamVersion: 1, globalPosition: 1n });
  });
  describe('reading from another subscription', () => {
    type Enrolled = DomainEvent<'Enrolled', { user: string }>;
    type MailRequested = DomainEvent<'MailRequested', { user: string }>;
    const PROJECTION = 'AddressesReadModel_v1';

    /**
     * A projection of known users and an automation that looks them up, failing on a miss as the
     * learning-materials mail automation does. `enrolling` holds the projection's handler back.
     */
    function projectionAndAutomation(factory: EventsSubscriptionsFactory<undefined>, enrolling: () => Promise<void> = async () => undefined) {
      const known = new Set<string>();
      const mailed: string[] = [];
      const projection = factory
        .subscription(PROJECTION)
        .onEvent<Enrolled>('Enrolled', async (event) => {
          await enrolling();
          known.add(event.data.user);
        })
        .build();
      const automation = factory
        .subscription('WhenMailRequestedThenSend_v1')
        .readsFrom(PROJECTION)
        .onEvent<MailRequested>('MailRequested', (event) => {
          if (!known.has(event.data.user)) throw new Error(`No address known yet for ${event.data.user}`);
          mailed.push(event.data.user);
        })
        .build();
      running.push(projection, automation);
      return { projection, automation, mailed };
    }

    async function appendTo(eventStore: InMemoryEventStore, user: string, ...types: string[]) {
      const { events } = await eventStore.appendToStream(StreamName.of('User', user), types.map((type) => eventOf(type, { user })), { expectedVersion: ANY });
      return events.map(logPositionOf);
    }

    it('given the projection lagging, then the automation handles an event only once the projection has passed it, spending no attempts', async () => {
      const { eventStore, factory } = setup();
      let releaseProjection = () => undefined as void;
      const projectionHeld = new Promise<void>((resolve) => (releaseProjection = resolve));
      const { projection, automation, mailed } = projectionAndAutomation(factory(), () => projectionHeld);
      const [, requested] = await appendTo(eventStore, 'ada', 'Enrolled', 'MailRequested');
      await projection.start();
      await automation.start();

      await vi.waitFor(async () => expect((await automation.status()).state).toBe('waiting'));
      // Far longer than the three fast attempts would take.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await automation.status()).toMatchObject({ state: 'waiting', waitingFor: { subscriptionId: PROJECTION, position: requested }, handlerFailures: 0, lastError: null });
      expect(mailed).toEqual([]);

      releaseProjection();
      await vi.waitFor(() => expect(mailed).toEqual(['ada']));
      await vi.waitFor(async () => expect(await automation.status()).toMatchObject({ state: 'live', waitingFor: null, handlerFailures: 0 }));
    });

    it('given the projection checkpoint behind but only events it does not handle since, then the automation does not wait for it', async () => {
      const { eventStore, store, factory } = setup();
      const { projection, automation, mailed } = projectionAndAutomation(factory());
      await appendTo(eventStore, 'ada', 'Enrolled');
      await projection.start();
      await projection.caughtUp();
      // Below idleCheckpointEvery: the projection scans these without storing its checkpoint.
      const requested = await appendTo(eventStore, 'ada', 'MailRequested', 'MailRequested', 'MailRequested');
      await projection.caughtUp();

      await automation.start();
      await vi.waitFor(() => expect(mailed).toEqual(['ada', 'ada', 'ada']));
      const projectionCheckpoint = (await store.find(PROJECTION))!.position;
      expect(compareLogPositions(projectionCheckpoint, requested[0]!)).toBeLessThan(0);
    });

    it('given the projection known to be past a page, then the next pages cost no look at it', async () => {
      const { eventStore, store } = setup();
      const { projection, automation, mailed } = projectionAndAutomation(new EventsSubscriptionsFactory(eventStore, store, { ...fast, batchSize: 2 }));
      await appendTo(eventStore, 'ada', 'Enrolled', 'MailRequested', 'MailRequested', 'MailRequested', 'MailRequested', 'Enrolled');
      await projection.start();
      await projection.caughtUp();
      const looks = vi.spyOn(store, 'find');

      await automation.start();
      await vi.waitFor(() => expect(mailed).toHaveLength(4));
      expect(looks.mock.calls.filter(([id]) => id === PROJECTION)).toHaveLength(1);
    });

    it('given the projection has passed and the lookup still misses, then the failure is genuine: retried, then the poison policy applies', async () => {
      const { eventStore, factory } = setup();
      const { projection, automation, mailed } = projectionAndAutomation(factory());
      await appendTo(eventStore, 'ada', 'Enrolled');
      await appendTo(eventStore, 'ghost', 'MailRequested');
      await automation.start();
      await vi.waitFor(async () => expect((await automation.status()).state).toBe('waiting'));
      expect((await automation.status()).handlerFailures).toBe(0);

      await projection.start();
      await vi.waitFor(async () => expect((await automation.status()).state).toBe('failed'));
      expect((await automation.status()).lastError).toMatchObject({ eventType: 'MailRequested', message: 'No address known yet for ghost', attempts: fast.maxAttempts });
      expect(mailed).toEqual([]);
    });

    it('given the automation waiting, when stopped, then stop returns promptly, also during a long poll', async () => {
      const { eventStore, factory } = setup();
      const { automation } = projectionAndAutomation(factory());
      await appendTo(eventStore, 'ada', 'Enrolled', 'MailRequested');
      await automation.start();
      await vi.waitFor(async () => expect((await automation.status()).state).toBe('waiting'));
      // Polls slow down to a second; by now one of more than half a second is under way.
      await new Promise((resolve) => setTimeout(resolve, 700));

      const stopping = Date.now();
      await automation.stop();
      expect(Date.now() - stopping).toBeLessThan(100);
      expect(await automation.status()).toMatchObject({ state: 'stopped', waitingFor: null });
    });

    it('given a long wait, then a warning names the dependency and the position, at most every ten seconds', async () => {
      const { eventStore, store } = setup();
      const warnings: [string, Record<string, unknown> | undefined][] = [];
      const logger = { ...silentLogger, warn: (message: string, details?: Record<string, unknown>) => void warnings.push([message, details]) };
      const { automation } = projectionAndAutomation(new EventsSubscriptionsFactory(eventStore, store, fast, logger));
      const [, requested] = await appendTo(eventStore, 'ada', 'Enrolled', 'MailRequested');
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      try {
        await automation.start();
        await vi.waitFor(async () => expect((await automation.status()).state).toBe('waiting'));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(warnings).toEqual([]);

        vi.setSystemTime(Date.now() + 10_000);
        await vi.waitFor(() => expect(warnings).toHaveLength(1));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(warnings).toEqual([
          [
            'Subscription waits for a subscription it reads from',
            expect.objectContaining({ subscriptionId: 'WhenMailRequestedThenSend_v1', readsFrom: PROJECTION, globalPosition: requested!.globalPosition.toString() }),
          ],
        ]);
      } finally {
        vi.useRealTimers();
      }
    });

    it('rejects reading from itself at once, and from an unknown subscription or one that reads from it when started', async () => {
      const { factory } = setup();
      const subscriptions = factory();
      const onCounted = () => undefined;
      expect(() => subscriptions.subscription('Self_v1').readsFrom('Self_v1')).toThrow(SubscriptionDefinitionError);

      const orphan = subscriptions.subscription('Orphan_v1').readsFrom('Missing_v1').onEvent<Counted>('Counted', onCounted).build();
      await expect(orphan.start()).rejects.toThrow(new SubscriptionDefinitionError('Subscription "Orphan_v1" reads from "Missing_v1", which is not defined'));

      const first = subscriptions.subscription('First_v1').readsFrom('Second_v1').onEvent<Counted>('Counted', onCounted).build();
      subscriptions.subscription('Second_v1').readsFrom('First_v1').onEvent<Counted>('Counted', onCounted).build();
      await expect(first.start()).rejects.toThrow(/reads from "Second_v1", which reads from it in turn/);
      expect(first.state).toBe('stopped');
    });
  });
});
