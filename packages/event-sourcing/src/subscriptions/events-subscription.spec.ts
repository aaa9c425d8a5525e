import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventStoreUnavailableError } from '../core/errors';
import type { ApplicationEvent, DomainEvent, EventToAppend } from '../core/events';
import { ANY } from '../core/expected-version';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import type { EventsSubscription } from './events-subscription';
import { EventsSubscriptionsFactory } from './events-subscriptions-factory';
import { InMemorySubscriptionStore } from './in-memory-subscription-store';

type Counted = DomainEvent<'Counted', { n: number }>;

function counted(n: number): EventToAppend<Counted> {
  return { type: 'Counted', data: { n }, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
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

  it('given appends of types it does not handle, then it does not read the log for them; a handled one is read at once', async () => {
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
    await append(1);
    await vi.waitFor(() => expect(seen).toEqual([1]), { timeout: 1_000 });
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
});
