import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { logPositionOf, type EventToAppend, type LogPosition } from '../core/events';
import { ANY } from '../core/expected-version';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { StreamName } from '../core/stream-name';
import { InMemorySubscriptionStore } from './in-memory-subscription-store';
import { ReadDependencies } from './read-dependencies';

const PROJECTION = 'AddressesReadModel_v1';

function eventOf(type: string): EventToAppend {
  return { type, data: {}, id: randomUUID(), metadata: { correlationId: 'c', causationId: 'x' }, occurredAt: new Date() };
}

describe('read dependencies', () => {
  async function setup(...types: string[]) {
    const eventStore = new InMemoryEventStore();
    const store = new InMemorySubscriptionStore();
    const { events } = await eventStore.appendToStream(StreamName.of('Log', '1'), types.map(eventOf), { expectedVersion: ANY });
    const positions = events.map(logPositionOf);
    const dependencies = new ReadDependencies([{ subscriptionId: PROJECTION, eventTypes: ['Enrolled'], partitionCount: 1 }], eventStore, store, 2);
    /** Stores the projection's checkpoint as if it had handled everything up to `position`. */
    const checkpointAt = async (position: LogPosition) => {
      const current = await store.initialize(PROJECTION, async () => undefined);
      await store.commit(PROJECTION, current, position, async () => undefined);
    };
    return { eventStore, store, positions, dependencies, checkpointAt };
  }

  it('given a dependency never started, then it is behind an event of a type it handles, not before one', async () => {
    const { positions, dependencies } = await setup('MailRequested', 'Enrolled', 'MailRequested');

    expect(await dependencies.firstBehind(positions[0]!)).toBeNull();
    expect(await dependencies.firstBehind(positions[2]!)).toBe(PROJECTION);
  });

  it('given its checkpoint behind only entries it does not handle, then it has passed, found by scanning once', async () => {
    const { eventStore, positions, dependencies, checkpointAt } = await setup('Enrolled', 'Other', 'MailRequested', 'Other', 'MailRequested', 'Enrolled');
    await checkpointAt(positions[0]!);
    const reads = vi.spyOn(eventStore, 'readAll');

    expect(await dependencies.firstBehind(positions[2]!)).toBeNull();
    expect(await dependencies.firstBehind(positions[4]!)).toBeNull();
    // Pages of two: entries 2–3, then 4–5; the second look resumes where the first stopped.
    expect(reads.mock.calls.map(([options]) => options.after)).toEqual([positions[0], positions[2]]);
    expect(await dependencies.firstBehind(positions[5]!)).toBe(PROJECTION);
  });

  it('given its checkpoint at or past the position, then it has passed, and a later look at an earlier position queries nothing', async () => {
    const { eventStore, store, positions, dependencies, checkpointAt } = await setup('Enrolled', 'MailRequested', 'Enrolled', 'MailRequested');
    await checkpointAt(positions[2]!);

    expect(await dependencies.firstBehind(positions[2]!)).toBeNull();
    const finds = vi.spyOn(store, 'find');
    const reads = vi.spyOn(eventStore, 'readAll');
    expect(await dependencies.firstBehind(positions[1]!)).toBeNull();
    expect(finds).not.toHaveBeenCalled();
    expect(reads).not.toHaveBeenCalled();
  });

  it('given the dependency reset (a rebuild), then what earlier looks found no longer counts', async () => {
    const { store, positions, dependencies, checkpointAt } = await setup('Enrolled', 'MailRequested', 'Other', 'MailRequested');
    await checkpointAt(positions[1]!);
    expect(await dependencies.firstBehind(positions[1]!)).toBeNull();

    await store.reset(PROJECTION);

    expect(await dependencies.firstBehind(positions[3]!)).toBe(PROJECTION);
  });
});
