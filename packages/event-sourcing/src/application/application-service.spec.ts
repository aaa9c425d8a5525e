import { EventEmitter2 } from 'eventemitter2';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import type { ApplicationEvent, DomainEvent } from '../core/events';
import { SequentialIdGenerator, uuidIdGenerator } from '../core/id-generator';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { silentLogger } from '../core/logger';
import { StreamName } from '../core/stream-name';
import { FixedTimeProvider, systemTimeProvider } from '../core/time-provider';
import { ApplicationService, type ApplicationServiceOptions } from './application-service';
import type { Snapshot, SnapshotKind } from '../core/snapshots';
import type { Decider } from './decider';
import { EventEmitterPublisher } from './event-publisher';

type Counted = DomainEvent<'Counted', { n: number }>;
const context = { correlationId: 'correlation-1', causationId: 'command-1' };

function service(
  eventStore: EventStore = new InMemoryEventStore(),
  emitter = new EventEmitter2({ wildcard: true, delimiter: '.' }),
  options: ApplicationServiceOptions = {},
) {
  const ids = new SequentialIdGenerator();
  const clock = new FixedTimeProvider(new Date('2026-03-01T10:00:00.000Z'));
  const applicationService = new ApplicationService(eventStore, clock, ids, new EventEmitterPublisher(emitter), {
    concurrencyRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });
  return { eventStore, emitter, ids, applicationService };
}

/** An in-memory store that counts the stream reads, to see which commands skipped theirs. */
class CountingEventStore extends InMemoryEventStore {
  streamReads = 0;

  override readStream<E extends DomainEvent = DomainEvent>(streamName: StreamName) {
    this.streamReads += 1;
    return super.readStream<E>(streamName);
  }

  override readStreamFromSnapshot<E extends DomainEvent = DomainEvent>(streamName: StreamName, kind: SnapshotKind) {
    this.streamReads += 1;
    return super.readStreamFromSnapshot<E>(streamName, kind);
  }

  snapshotSaves: number[] = [];

  override saveSnapshot(streamName: StreamName, kind: SnapshotKind, snapshot: Snapshot) {
    this.snapshotSaves.push(snapshot.version);
    return super.saveSnapshot(streamName, kind, snapshot);
  }
}

type Toggled = DomainEvent<'Opened' | 'Closed', { at: string }>;
const open = (past: Toggled[]): Toggled[] => {
  if (past.at(-1)?.type === 'Opened') throw new Error('already open');
  return [{ type: 'Opened', data: { at: 'now' } }];
};

describe('application service', () => {
  it('given past events, when executing, then the decision sees them and its events are stored with ids, time and metadata', async () => {
    const { eventStore, applicationService, ids } = service();
    const stream = StreamName.of('Counter', '1');
    await applicationService.execute<Counted>(stream, context, () => [{ type: 'Counted', data: { n: 1 } }]);

    const seen: Counted[][] = [];
    const result = await applicationService.execute<Counted>(stream, context, (past) => {
      seen.push(past);
      return [{ type: 'Counted', data: { n: past.length + 1 } }];
    });

    expect(seen).toEqual([[{ type: 'Counted', data: { n: 1 } }]]);
    expect(result.streamVersion).toBe(2);
    const { events } = await eventStore.readStream(stream);
    expect(events[1]).toMatchObject({ id: ids.nth(2), metadata: context, occurredAt: new Date('2026-03-01T10:00:00.000Z'), data: { n: 2 } });
  });

  it('when handling a command an automation sent, then its events carry the correlation id, the command\'s id as causation id, and the command\'s trace', async () => {
    const { eventStore, applicationService } = service();
    const command = {
      id: 'command-7',
      type: 'Count',
      issuedAt: new Date('2026-03-01T09:59:59.000Z'),
      metadata: { correlationId: 'request-3', causationId: 'event-2', automation: 'WhenCountedThenCount_v1' },
    };

    await applicationService.handle<Counted>('Counter_3', command, () => [{ type: 'Counted', data: { n: 1 } }]);

    const { events } = await eventStore.readStream(StreamName.of('Counter', '3'));
    expect(events.map((event) => event.metadata)).toEqual([
      {
        correlationId: 'request-3',
        causationId: 'command-7',
        command: { type: 'Count', issuedAt: '2026-03-01T09:59:59.000Z', causationId: 'event-2', automation: 'WhenCountedThenCount_v1' },
      },
    ]);
  });

  it('when handling a command a person issued, then its trace names no cause and no automation', async () => {
    const { eventStore, applicationService } = service();
    const command = { id: 'command-8', type: 'Count', issuedAt: new Date('2026-03-01T09:59:59.000Z'), metadata: { correlationId: 'request-4' } };

    await applicationService.handle<Counted>('Counter_4', command, () => [{ type: 'Counted', data: { n: 1 } }]);

    const { events } = await eventStore.readStream(StreamName.of('Counter', '4'));
    expect(events.map((event) => event.metadata)).toEqual([
      { correlationId: 'request-4', causationId: 'command-8', command: { type: 'Count', issuedAt: '2026-03-01T09:59:59.000Z' } },
    ]);
  });

  it('when the decision produces no events, then nothing is appended or published', async () => {
    const { eventStore, emitter, applicationService } = service();
    const published: unknown[] = [];
    emitter.on('**', (event: unknown) => published.push(event));
    const result = await applicationService.execute<Counted>('Counter_2', context, () => []);
    expect(result).toEqual({ streamName: 'Counter_2', events: [], streamVersion: 0 });
    expect((await eventStore.readStream(StreamName.of('Counter', '2'))).currentVersion).toBe(0);
    expect(published).toEqual([]);
  });

  it("publishes each appended event in process as '<Category>.<EventType>', so wildcards match", async () => {
    const { emitter, applicationService } = service();
    const byCategory: string[] = [];
    const byType: number[] = [];
    emitter.on('Counter.*', (event: ApplicationEvent<Counted>) => byCategory.push(event.type));
    emitter.on('Counter.Counted', (event: ApplicationEvent<Counted>) => byType.push(event.data.n));
    emitter.on('Other.*', () => byCategory.push('wrong category'));

    await applicationService.execute<Counted>('Counter_3', context, () => [
      { type: 'Counted', data: { n: 1 } },
      { type: 'Counted', data: { n: 2 } },
    ]);

    expect(byCategory).toEqual(['Counted', 'Counted']);
    expect(byType).toEqual([1, 2]);
  });

  it('given a failing in-process listener, then the command still succeeds (publication is best effort)', async () => {
    const { emitter, applicationService } = service();
    emitter.on('Counter.Counted', () => {
      throw new Error('listener broke');
    });
    await expect(applicationService.execute<Counted>('Counter_4', context, () => [{ type: 'Counted', data: { n: 1 } }])).resolves.toMatchObject({ streamVersion: 1 });
  });

  it('given a burst of commands on one stream, then they run one after another: each decides on all before it, and none loses a race', async () => {
    const eventStore = new InMemoryEventStore();
    const appends: Promise<unknown>[] = [];
    const append = eventStore.appendToStream.bind(eventStore);
    eventStore.appendToStream = ((...args: Parameters<EventStore['appendToStream']>) => {
      const appended = append(...args);
      appends.push(appended);
      return appended;
    }) as EventStore['appendToStream'];
    const { applicationService } = service(eventStore);
    const stream = StreamName.of('Counter', 'burst');

    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        applicationService.execute<Counted>(stream, context, async (past) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return [{ type: 'Counted', data: { n: past.length + 1 } }];
        }),
      ),
    );

    expect(results.map((result) => result.streamVersion)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    expect(appends).toHaveLength(30);
    const { events } = await eventStore.readStream<Counted>(stream);
    expect(events.map((event) => event.data.n)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
  });

  it('given a command still deciding on one stream, then a command on another stream is not held up by it, and a failed command does not block its stream', async () => {
    const { applicationService } = service();
    let release: () => void = () => undefined;
    const held = applicationService.execute<Counted>(StreamName.of('Counter', 'held'), context, async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return [{ type: 'Counted', data: { n: 1 } }];
    });

    const other = await applicationService.execute<Counted>(StreamName.of('Counter', 'free'), context, () => [{ type: 'Counted', data: { n: 1 } }]);
    expect(other.streamVersion).toBe(1);
    release();
    await held;

    const failing = StreamName.of('Counter', 'failing');
    await expect(
      applicationService.execute<Counted>(failing, context, () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await applicationService.execute<Counted>(failing, context, () => [{ type: 'Counted', data: { n: 1 } }])).streamVersion).toBe(1);
  });

  it('given a lost race, then it re-reads and decides again, and gives up after the bounded attempts', async () => {
    const inner = new InMemoryEventStore();
    let racesToLose = 2;
    // A store whose first appends lose their race, as if another writer got in between.
    const racing: EventStore = {
      readStream: (stream) => inner.readStream(stream),
      readAll: (options) => inner.readAll(options),
      backlogAfter: (position) => inner.backlogAfter(position),
      backlogsAfter: (positions) => inner.backlogsAfter(positions),
      endOfLog: () => inner.endOfLog(),
      onAppended: (listener) => inner.onAppended(listener),
      appendToStream: async (stream, events, options) => {
        if (racesToLose-- > 0) throw new ConcurrencyError(stream.toString(), String(options.expectedVersion));
        return inner.appendToStream(stream, events, options);
      },
    };
    const { applicationService } = service(racing);
    let decisions = 0;
    await applicationService.execute<Counted>('Counter_5', context, () => {
      decisions += 1;
      return [{ type: 'Counted', data: { n: 1 } }];
    });
    expect(decisions).toBe(3);

    racesToLose = 5;
    await expect(applicationService.execute<Counted>('Counter_6', context, () => [{ type: 'Counted', data: { n: 1 } }])).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
  });

  it('refuses a stream name without a category before reading anything', async () => {
    const { applicationService } = service();
    await expect(applicationService.execute<Counted>('no-category', context, () => [])).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
  });

  describe('with cached stream state', () => {
    const cachedService = (eventStore: EventStore, cachedStreamEvents = 100) => service(eventStore, undefined, { cachedStreamEvents }).applicationService;

    it('given a stream it wrote, then the next command decides on the same events, as the store keeps them, without reading the stream', async () => {
      const eventStore = new CountingEventStore();
      const applicationService = cachedService(eventStore);
      const stream = StreamName.of('Counter', 'cached');
      await applicationService.execute(stream, context, () => [{ type: 'Dated', data: { on: new Date('2026-03-01T10:00:00.000Z'), note: undefined } }]);
      expect(eventStore.streamReads).toBe(1);

      const seen: DomainEvent[][] = [];
      const result = await applicationService.execute(stream, context, (past) => {
        seen.push(past);
        return [{ type: 'Dated', data: { on: 'later' } }];
      });

      expect(eventStore.streamReads).toBe(1);
      expect(result.streamVersion).toBe(2);
      expect(seen).toEqual([[{ type: 'Dated', data: { on: '2026-03-01T10:00:00.000Z' } }]]);
      expect(seen[0]![0]!.data).not.toHaveProperty('note');
    });

    it('without a cache (the default), then every command reads its stream', async () => {
      const eventStore = new CountingEventStore();
      const { applicationService } = service(eventStore);
      await applicationService.execute<Counted>('Counter_uncached', context, () => [{ type: 'Counted', data: { n: 1 } }]);
      await applicationService.execute<Counted>('Counter_uncached', context, () => [{ type: 'Counted', data: { n: 2 } }]);
      expect(eventStore.streamReads).toBe(2);
    });

    it('given another writer appended since, then the append at the cached version is refused and it decides again on the fresh events, spending no retry', async () => {
      const eventStore = new CountingEventStore();
      const applicationService = service(eventStore, undefined, { cachedStreamEvents: 100, concurrencyRetry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } })
        .applicationService;
      const stream = StreamName.of('Counter', 'shared');
      await applicationService.execute<Counted>(stream, context, () => [{ type: 'Counted', data: { n: 1 } }]);
      await eventStore.appendToStream(stream, [{ id: 'elsewhere', type: 'Counted', data: { n: 2 }, metadata: context, occurredAt: new Date() }], {
        expectedVersion: 1,
      });

      const seen: number[] = [];
      const result = await applicationService.execute<Counted>(stream, context, (past) => {
        seen.push(past.length);
        return [{ type: 'Counted', data: { n: past.length + 1 } }];
      });

      expect(seen).toEqual([1, 2]);
      expect(result.streamVersion).toBe(3);
      expect((await eventStore.readStream(stream)).events.map((event) => (event.data as { n: number }).n)).toEqual([1, 2, 3]);
    });

    it('given a decision on cached state that fails or appends nothing, then it is taken again on a fresh read before it counts', async () => {
      const eventStore = new CountingEventStore();
      const applicationService = cachedService(eventStore);
      const stream = StreamName.of('Door', 'front');
      await applicationService.execute<Toggled>(stream, context, open);
      // Closed by another writer: the cache still says open.
      await eventStore.appendToStream(stream, [{ id: 'closed', type: 'Closed', data: { at: 'elsewhere' }, metadata: context, occurredAt: new Date() }], {
        expectedVersion: 1,
      });

      await expect(applicationService.execute<Toggled>(stream, context, open)).resolves.toMatchObject({ streamVersion: 3 });
      await expect(applicationService.execute<Toggled>(stream, context, open)).rejects.toThrow('already open');
      const readsBefore = eventStore.streamReads;
      await expect(applicationService.execute<Toggled>(stream, context, () => [])).resolves.toMatchObject({ events: [], streamVersion: 3 });
      expect(eventStore.streamReads).toBe(readsBefore + 1);
    });

    it('given a decision that mutates the events it is given, then it fails, and the next command sees the events as stored', async () => {
      const applicationService = cachedService(new CountingEventStore());
      const count = (past: Counted[]): Counted[] => [{ type: 'Counted', data: { n: past.length + 1 } }];
      const mutate = (past: Counted[]): Counted[] => {
        (past[0]!.data as { n: number }).n = 99;
        return count(past);
      };
      await applicationService.execute<Counted>('Counter_mutated', context, count);
      // Once on the cached events, once on freshly read ones: both are frozen.
      await expect(applicationService.execute<Counted>('Counter_mutated', context, mutate)).rejects.toBeInstanceOf(TypeError);

      const seen: number[][] = [];
      await applicationService.execute<Counted>('Counter_mutated', context, (past) => {
        seen.push(past.map((event) => event.data.n));
        return count(past);
      });
      expect(seen).toEqual([[1]]);
    });

    it('given a decision that adds to the array of events it is given, then the cached events stay as stored', async () => {
      const eventStore = new CountingEventStore();
      const applicationService = cachedService(eventStore);
      const count = (past: Counted[]): Counted[] => [{ type: 'Counted', data: { n: past.length + 1 } }];
      await applicationService.execute<Counted>('Counter_pushed', context, (past) => {
        past.push({ type: 'Counted', data: { n: 99 } });
        return count(past);
      });

      const seen: number[][] = [];
      await applicationService.execute<Counted>('Counter_pushed', context, (past) => {
        seen.push(past.map((event) => event.data.n));
        return count(past);
      });
      expect(eventStore.streamReads).toBe(1);
      expect(seen).toEqual([[2]]);
    });

    it('holds at most the given number of events, dropping the least recently used streams first', async () => {
      const eventStore = new CountingEventStore();
      const applicationService = cachedService(eventStore, 2);
      const count = (stream: string) => applicationService.execute<Counted>(stream, context, (past) => [{ type: 'Counted', data: { n: past.length + 1 } }]);
      await count('Counter_a');
      await count('Counter_b');
      await count('Counter_a'); // a is now the most recently used
      await count('Counter_c'); // a holds 2 events, c 1: b and then a go
      expect(eventStore.streamReads).toBe(3);

      await count('Counter_c');
      expect(eventStore.streamReads).toBe(3);
      await count('Counter_a');
      await count('Counter_b');
      expect(eventStore.streamReads).toBe(5);
    });
  });

  describe('deciding on a decider\'s state', () => {
    type Total = Readonly<{ total: number; last: number | null }>;
    function countingDecider(snapshots?: Decider<Total, Counted>['snapshots']) {
      const folded: number[] = [];
      const decider: Decider<Total, Counted> = {
        initialState: () => ({ total: 0, last: null }),
        evolve: (state, event) => {
          folded.push(event.data.n);
          return { total: state.total + event.data.n, last: event.data.n };
        },
        ...(snapshots && { snapshots }),
      };
      return { decider, folded };
    }
    const addOne = (state: Total): Counted[] => [{ type: 'Counted', data: { n: state.total + 1 } }];
    const snapshotKind = { name: 'Total', schemaVersion: 1 };

    it('given past events, then the decision sees the state folded from them, from the initial state', async () => {
      const { eventStore, applicationService } = service();
      const stream = StreamName.of('Counter', 'state');
      await eventStore.appendToStream(stream, [1, 2, 3].map((n) => ({ id: `e${n}`, type: 'Counted', data: { n }, metadata: context, occurredAt: new Date() })), {
        expectedVersion: 0,
      });
      const seen: Total[] = [];
      const result = await applicationService.executeOnState(stream, context, countingDecider().decider, (state) => {
        seen.push(state);
        return addOne(state);
      });
      expect(seen).toEqual([{ total: 6, last: 3 }]);
      expect(result.events.map((event) => event.data)).toEqual([{ n: 7 }]);
    });

    it('given a cache, then the next command decides on the held state, folding only the events it appended, without reading', async () => {
      const eventStore = new CountingEventStore();
      const applicationService = service(eventStore, undefined, { cachedStreamEvents: 100 }).applicationService;
      const { decider, folded } = countingDecider();
      for (let i = 0; i < 3; i++) await applicationService.executeOnState('Counter_held', context, decider, addOne);
      expect(eventStore.streamReads).toBe(1);
      expect(folded).toEqual([1, 2, 4]);
    });

    it('given a cache, then a state one decider folded is not handed to another, nor to a decision on past events', async () => {
      const eventStore = new CountingEventStore();
      const applicationService = service(eventStore, undefined, { cachedStreamEvents: 100 }).applicationService;
      await applicationService.executeOnState('Counter_two', context, countingDecider().decider, addOne);
      const other = countingDecider();
      const seen: Total[] = [];
      await applicationService.executeOnState('Counter_two', context, other.decider, (state) => {
        seen.push(state);
        return addOne(state);
      });
      const past: Counted[][] = [];
      await applicationService.execute<Counted>('Counter_two', context, (events) => {
        past.push(events);
        return [];
      });
      expect(eventStore.streamReads).toBe(3);
      expect(seen).toEqual([{ total: 1, last: 1 }]);
      expect(past[0]!.map((event) => event.data.n)).toEqual([1, 2]);
    });

    it('given an evolve that changes the state it is given, then the command fails rather than corrupt a shared state', async () => {
      const { applicationService } = service();
      const mutating: Decider<{ total: number }, Counted> = {
        initialState: () => ({ total: 0 }),
        evolve: (state, event) => {
          state.total += event.data.n;
          return state;
        },
      };
      await applicationService.execute<Counted>('Counter_mutating', context, () => [{ type: 'Counted', data: { n: 1 } }]);
      await expect(applicationService.executeOnState('Counter_mutating', context, mutating, () => [])).rejects.toBeInstanceOf(TypeError);
    });

    it('given snapshots every 3 events, then one is saved each time the stream has grown 3 past the last, and a restarted service reads from it', async () => {
      const eventStore = new CountingEventStore();
      const { applicationService } = service(eventStore);
      const { decider } = countingDecider({ ...snapshotKind, everyEvents: 3 });
      const versions: (number | undefined)[] = [];
      for (let i = 0; i < 7; i++) {
        await applicationService.executeOnState('Counter_snapshotted', context, decider, addOne);
        await applicationService.snapshotsSaved();
        versions.push((await eventStore.readStreamFromSnapshot(StreamName.from('Counter_snapshotted'), snapshotKind)).snapshot?.version);
      }
      expect(versions).toEqual([undefined, undefined, 3, 3, 3, 6, 6]);

      const restarted = countingDecider({ ...snapshotKind, everyEvents: 3 });
      const result = await new ApplicationService(eventStore, systemTimeProvider, uuidIdGenerator).executeOnState('Counter_snapshotted', context, restarted.decider, addOne);
      // The one event after the snapshot, then the one appended (the stream reached 8: a snapshot was due at 9 only).
      expect(restarted.folded).toEqual([64, 128]);
      expect(result.events[0]!.data).toEqual({ n: 128 });
    });

    it('given a stream grown past the policy without a snapshot, when a decision is refused, then the snapshot is still rebuilt', async () => {
      const eventStore = new CountingEventStore();
      const stream = StreamName.of('Counter', 'refused');
      await eventStore.appendToStream(stream, [1, 2, 3, 4].map((n) => ({ id: `r${n}`, type: 'Counted', data: { n }, metadata: context, occurredAt: new Date() })), {
        expectedVersion: 0,
      });
      const { applicationService } = service(eventStore);
      const refuse = () => {
        throw new Error('refused');
      };
      await expect(applicationService.executeOnState(stream, context, countingDecider({ ...snapshotKind, everyEvents: 3 }).decider, refuse)).rejects.toThrow('refused');
      await applicationService.snapshotsSaved();
      expect((await eventStore.readStreamFromSnapshot(stream, snapshotKind)).snapshot).toEqual({ version: 4, state: { total: 10, last: 4 } });
    });

    it('given a snapshot saved after the read, then the command\'s append does not save another until the stream grows past the policy again', async () => {
      const eventStore = new CountingEventStore();
      const stream = StreamName.of('Counter', 'once');
      await eventStore.appendToStream(stream, [1, 2, 3, 4].map((n) => ({ id: `o${n}`, type: 'Counted', data: { n }, metadata: context, occurredAt: new Date() })), {
        expectedVersion: 0,
      });
      const { applicationService } = service(eventStore);
      await applicationService.executeOnState(stream, context, countingDecider({ ...snapshotKind, everyEvents: 3 }).decider, addOne);
      await applicationService.snapshotsSaved();
      expect(eventStore.snapshotSaves).toEqual([4]);
    });

    it('given a snapshot the store fails to save, then the command succeeds and the failure is logged with its stream', async () => {
      const eventStore = new CountingEventStore();
      eventStore.saveSnapshot = () => Promise.reject(new Error('disk full'));
      const warnings: unknown[][] = [];
      const logger = { ...silentLogger, warn: (...warning: unknown[]) => void warnings.push(warning) };
      const applicationService = new ApplicationService(eventStore, systemTimeProvider, uuidIdGenerator, undefined, { logger });
      const stream = StreamName.of('Counter', 'unsaved');

      for (let n = 0; n < 3; n++) await applicationService.executeOnState(stream, context, countingDecider({ ...snapshotKind, everyEvents: 3 }).decider, addOne);
      await applicationService.snapshotsSaved();

      expect((await eventStore.readStream(stream)).currentVersion).toBe(3);
      expect(warnings).toEqual([['Snapshot not saved', { streamName: 'Counter_unsaved', snapshot: 'Total', version: 3, error: 'Error: disk full' }]]);
    });

    it('given a decider that does not snapshot, then no snapshot is saved', async () => {
      const eventStore = new CountingEventStore();
      const { applicationService } = service(eventStore);
      for (let i = 0; i < 4; i++) await applicationService.executeOnState('Counter_plain', context, countingDecider().decider, addOne);
      await applicationService.snapshotsSaved();
      expect((await eventStore.readStreamFromSnapshot(StreamName.from('Counter_plain'), snapshotKind)).snapshot).toBeUndefined();
    });
  });
});
