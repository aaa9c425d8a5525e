import { setTimeout as sleep } from 'node:timers/promises';
import { Module } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { AbstractApplicationCommand } from '../application/application-command';
import type { Decider } from '../application/decider';
import type { DomainCommand, DomainEvent } from '../core/events';
import type { SaveSnapshotOptions, Snapshot, SnapshotKind } from '../core/snapshots';
import { StreamName } from '../core/stream-name';
import { testCommand } from '../testing/test-command';
import { WriteModuleSpecification } from '../testing/write-module-specification';
import { ApplicationCommandBus } from './application-command-bus';
import { decidingCommandHandler } from './deciding-command-handler';

type Counted = DomainEvent<'Counted', { total: number }>;
class CountApplicationCommand extends AbstractApplicationCommand<DomainCommand<'Count', Record<string, never>>, number> {}

const SNAPSHOT_EVERY_EVENT = { name: 'counter', schemaVersion: 1, everyEvents: 1 };
const counter: Decider<{ total: number }, Counted> = {
  initialState: () => ({ total: 0 }),
  evolve: (_state, event) => ({ total: event.data.total }),
  snapshots: SNAPSHOT_EVERY_EVENT,
};
const counterStream = StreamName.of('Counter', 'one');

@Module({
  providers: [
    decidingCommandHandler(CountApplicationCommand, {
      stream: () => counterStream,
      decider: counter,
      decide: (state): Counted[] => [{ type: 'Counted', data: { total: state.total + 1 } }],
      answer: (result) => result.events[0]!.data.total,
    }),
  ],
})
class CounterWriteModule {}

describe('snapshots at shutdown', () => {
  it('given a snapshot being saved when the application closes, then closing waits for the save to finish', async () => {
    const spec = await WriteModuleSpecification.for({ imports: [CounterWriteModule] });
    const store = spec.eventStore;
    const saveNow = store.saveSnapshot.bind(store);
    // A database that takes its time: the save is still under way when close() begins.
    store.saveSnapshot = async (streamName: StreamName, kind: SnapshotKind, snapshot: Snapshot, options?: SaveSnapshotOptions) => {
      await sleep(200);
      await saveNow(streamName, kind, snapshot, options);
    };

    await spec.module.get(ApplicationCommandBus).execute(testCommand({ class: CountApplicationCommand, type: 'Count', data: {} }));
    await spec.close();

    const { snapshot } = await store.readStreamFromSnapshot(counterStream, SNAPSHOT_EVERY_EVENT);
    expect(snapshot).toEqual({ version: 1, state: { total: 1 } });
  });
});
