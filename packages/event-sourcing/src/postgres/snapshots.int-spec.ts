import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationService, type ApplicationServiceOptions } from '../application/application-service';
import type { Decider } from '../application/decider';
import type { EventStore } from '../core/event-store';
import type { DomainEvent } from '../core/events';
import { NO_STREAM } from '../core/expected-version';
import { uuidIdGenerator } from '../core/id-generator';
import type { SnapshotStore } from '../core/snapshots';
import { StreamName } from '../core/stream-name';
import { systemTimeProvider } from '../core/time-provider';
import { personalData } from '../personal-data/personal-data-declaration';
import { PersonalDataEventStore } from '../personal-data/personal-data-event-store';
import { counted } from '../testing/event-store-contract';
import { pgliteTestEventStore, postgresTestEventStore, type TestEventStore } from '../testing/postgres/test-event-store.fixture';
import { snapshotStoreContract } from '../testing/snapshot-store-contract';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresSubjectKeyStore } from './postgres-subject-key-store';
import type { SqlClient } from './sql-client';

snapshotStoreContract('PostgreSQL', postgresTestEventStore);

snapshotStoreContract('PGlite', pgliteTestEventStore);

type Counted = DomainEvent<'Counted', { n: number }>;
type Total = Readonly<{ total: number }>;

/** A decider that counts the events it folds, to see how much of a stream a command read. */
function countingDecider(snapshots: Decider<Total, Counted>['snapshots'] = { name: 'Total', schemaVersion: 1, everyEvents: 5 }) {
  const folded = { events: 0 };
  const decider: Decider<Total, Counted> = {
    initialState: () => ({ total: 0 }),
    evolve: (state, event) => {
      folded.events += 1;
      return { total: state.total + event.data.n };
    },
    snapshots,
  };
  return { decider, folded };
}

const addOne = (state: Total): Counted[] => [{ type: 'Counted', data: { n: state.total + 1 } }];
const context = () => ({ correlationId: randomUUID(), causationId: randomUUID() });

describe('snapshots on PostgreSQL', () => {
  let postgres: TestEventStore;
  let client: SqlClient;
  let store: PostgresEventStore;

  beforeAll(async () => {
    postgres = await postgresTestEventStore();
    ({ client, store } = postgres);
  });
  afterAll(() => postgres.dispose());

  const serviceOver = (eventStore: EventStore, options: ApplicationServiceOptions = {}) =>
    new ApplicationService(eventStore, systemTimeProvider, uuidIdGenerator, undefined, options);

  async function streamOf(length: number): Promise<StreamName> {
    const stream = StreamName.of('Counter', randomUUID());
    await store.appendToStream(stream, Array.from({ length }, () => counted(1)), { expectedVersion: NO_STREAM });
    return stream;
  }

  it('given a stream without snapshot, when a command runs, then it folds every event and saves a snapshot of what it read; after a restart the next folds only the events after it', async () => {
    const stream = await streamOf(12);
    const first = countingDecider();
    const service = serviceOver(store);
    await service.executeOnState(stream, context(), first.decider, addOne);
    await service.snapshotsSaved();
    expect(first.folded.events).toBe(12 + 1);

    const restarted = countingDecider();
    const result = await serviceOver(store).executeOnState(stream, context(), restarted.decider, addOne);
    // The one event after the snapshot, then the one it appended.
    expect(restarted.folded.events).toBe(2);
    expect(result.events.map((event) => event.data)).toEqual([{ n: 26 }]);
  });

  it('given snapshots every 5 events, when commands append one at a time, then a snapshot is saved at each 5th version', async () => {
    const stream = await streamOf(1);
    const { decider } = countingDecider();
    const service = serviceOver(store, { cachedStreamEvents: 100 });
    for (let i = 0; i < 8; i++) await service.executeOnState(stream, context(), decider, addOne);
    await service.snapshotsSaved();
    const read = await store.readStreamFromSnapshot(stream, { name: 'Total', schemaVersion: 1 });
    expect(read.snapshot?.version).toBe(5);
    expect(read.events.map((event) => event.streamVersion)).toEqual([6, 7, 8, 9]);
  });

  it('given a snapshot ahead of its stream, then it is ignored, the whole stream is folded and the snapshot rebuilt at the version read', async () => {
    const stream = await streamOf(6);
    await saveAndSettle(stream);
    await client.query('UPDATE es_snapshots SET stream_version = 50, state = $2 WHERE stream_name = $1', [stream.toString(), JSON.stringify({ total: 1000 })]);

    const { decider, folded } = countingDecider();
    const service = serviceOver(store);
    const result = await service.executeOnState(stream, context(), decider, addOne);
    await service.snapshotsSaved();
    expect(folded.events).toBe(6 + 1);
    expect(result.events[0]!.data).toEqual({ n: 7 });
    expect((await store.readStreamFromSnapshot(stream, { name: 'Total', schemaVersion: 1 })).snapshot).toEqual({ version: 6, state: { total: 6 } });
  });

  it('given a stream deleted and written again since its snapshot, then the snapshot is not used', async () => {
    const stream = await streamOf(6);
    await saveAndSettle(stream);
    await client.query('DELETE FROM es_events WHERE stream_name = $1', [stream.toString()]);
    await store.appendToStream(stream, Array.from({ length: 7 }, () => counted(2)), { expectedVersion: NO_STREAM });

    const { decider, folded } = countingDecider();
    const result = await serviceOver(store).executeOnState(stream, context(), decider, addOne);
    expect(folded.events).toBe(7 + 1);
    expect(result.events[0]!.data).toEqual({ n: 15 });
  });

  it('given a snapshot of the previous state shape, when the decider declares a new schema version, then the stream is folded anew and a snapshot of the new shape saved', async () => {
    const stream = await streamOf(6);
    await saveAndSettle(stream);

    const reshaped = countingDecider({ name: 'Total', schemaVersion: 2, everyEvents: 5 });
    const service = serviceOver(store);
    await service.executeOnState(stream, context(), reshaped.decider, addOne);
    await service.snapshotsSaved();
    expect(reshaped.folded.events).toBe(6 + 1);
    expect((await store.readStreamFromSnapshot(stream, { name: 'Total', schemaVersion: 2 })).snapshot?.version).toBe(6);
  });

  it('given two processes caching the state of one stream, when both write, then the one on a stale state conflicts, re-reads and decides on the other one\'s events', async () => {
    const stream = await streamOf(6);
    const { decider } = countingDecider();
    const [one, two] = [serviceOver(store, { cachedStreamEvents: 100 }), serviceOver(store, { cachedStreamEvents: 100 })];
    await one.executeOnState(stream, context(), decider, addOne);
    await two.executeOnState(stream, context(), decider, addOne);
    const result = await one.executeOnState(stream, context(), decider, addOne);
    await Promise.all([one.snapshotsSaved(), two.snapshotsSaved()]);

    expect(result.streamVersion).toBe(9);
    const { events } = await store.readStream<Counted>(stream);
    expect(events.slice(6).map((event) => event.data.n)).toEqual([7, 14, 28]);
  });

  it('given two processes racing on one stream from its snapshot, then exactly one append wins each version and no event is lost', async () => {
    const stream = await streamOf(6);
    await saveAndSettle(stream);
    const { decider } = countingDecider();
    const services = Array.from({ length: 2 }, () => serviceOver(store, { concurrencyRetry: { maxAttempts: 20, baseDelayMs: 1, maxDelayMs: 10 } }));
    await Promise.all(services.flatMap((service) => Array.from({ length: 5 }, () => service.executeOnState(stream, context(), decider, addOne))));

    const { events, currentVersion } = await store.readStream<Counted>(stream);
    expect(currentVersion).toBe(16);
    // Each command added one more than the total it decided on: any lost update would break the doubling.
    const totals = events.reduce<number[]>((sums, event) => [...sums, (sums.at(-1) ?? 0) + event.data.n], []);
    events.slice(6).forEach((event, index) => expect(event.data.n).toBe(totals[index + 5]! + 1));
  });

  async function saveAndSettle(stream: StreamName): Promise<void> {
    const service = serviceOver(store);
    await service.executeOnState(stream, context(), countingDecider().decider, () => []);
    await service.snapshotsSaved();
    expect((await store.readStreamFromSnapshot(stream, { name: 'Total', schemaVersion: 1 })).snapshot?.version).toBe(6);
  }
});

type Registered = DomainEvent<'Registered', { userId: string; email: string }>;

describe('snapshots of streams holding personal data, on PostgreSQL', () => {
  let postgres: TestEventStore;
  let keys: PostgresSubjectKeyStore;
  let store: PersonalDataEventStore & SnapshotStore;

  beforeAll(async () => {
    postgres = await postgresTestEventStore();
    keys = new PostgresSubjectKeyStore(postgres.client);
    store = new PersonalDataEventStore(postgres.store, {
      declarations: [personalData<Registered>('Registered', { subjectOf: (event) => event.data.userId, fields: ['email'] })],
      keys,
    });
  });
  afterAll(async () => {
    await keys.close();
    await postgres.dispose();
  });

  type Seen = Readonly<{ emails: string[] }>;
  const decider: Decider<Seen, Registered | Counted> = {
    initialState: () => ({ emails: [] }),
    evolve: (state, event) => (event.type === 'Registered' ? { emails: [...state.emails, event.data.email] } : state),
    snapshots: { name: 'Seen', schemaVersion: 1, everyEvents: 1 },
  };
  const kind = { name: 'Seen', schemaVersion: 1 };

  it('given a stream with an event declaring personal data, when commands run on a snapshotting decider, then no snapshot of it is ever saved', async () => {
    const stream = StreamName.of('Member', randomUUID());
    const service = new ApplicationService(store, systemTimeProvider, uuidIdGenerator);
    await service.executeOnState(stream, context(), decider, (): Registered[] => [{ type: 'Registered', data: { userId: 'user-1', email: 'ada@example.com' } }]);
    await service.executeOnState(stream, context(), decider, (): Counted[] => [{ type: 'Counted', data: { n: 1 } }]);
    await service.snapshotsSaved();

    expect((await postgres.store.readStreamFromSnapshot(stream, kind)).snapshot).toBeUndefined();
    const { rows } = await postgres.client.query('SELECT 1 FROM es_snapshots WHERE stream_name = $1', [stream.toString()]);
    expect(rows).toEqual([]);
  });

  it('given a stream without personal data, when commands run through the personal-data store, then it is snapshotted', async () => {
    const stream = StreamName.of('Member', randomUUID());
    const service = new ApplicationService(store, systemTimeProvider, uuidIdGenerator);
    await service.executeOnState(stream, context(), decider, (): Counted[] => [{ type: 'Counted', data: { n: 1 } }]);
    await service.snapshotsSaved();
    expect((await store.readStreamFromSnapshot(stream, kind)).snapshot).toEqual({ version: 1, state: { emails: [] } });
  });
});
