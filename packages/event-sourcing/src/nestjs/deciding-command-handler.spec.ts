import { Module } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbstractApplicationCommand } from '../application/application-command';
import type { Decider } from '../application/decider';
import type { DomainCommand, DomainEvent } from '../core/events';
import { StreamName } from '../core/stream-name';
import { testCommand } from '../testing/test-command';
import { WriteModuleSpecification } from '../testing/write-module-specification';
import { ApplicationCommandBus } from './application-command-bus';
import { decidingCommandHandler } from './deciding-command-handler';

type Counted = DomainEvent<'Counted', { counterId: string; total: number }>;
type Count = DomainCommand<'Count', { counterId: string }>;
class CountApplicationCommand extends AbstractApplicationCommand<Count, number> {}

class CounterClosed extends Error {}

const counterStream = (counterId: string) => StreamName.of('Counter', counterId);
const count = (past: Counted[], command: Count): Counted[] => {
  if (command.data.counterId === 'closed') throw new CounterClosed();
  return [{ type: 'Counted', data: { counterId: command.data.counterId, total: past.length + 1 } }];
};
const CountCommandHandler = decidingCommandHandler(CountApplicationCommand, {
  stream: (command) => counterStream(command.data.counterId),
  decide: count,
  answer: (result) => result.events[0]!.data.total,
});

type Sum = Readonly<{ sum: number }>;
class SumApplicationCommand extends AbstractApplicationCommand<DomainCommand<'Sum', { counterId: string }>, number> {}
const sumOfTotals: Decider<Sum, Counted> = { initialState: () => ({ sum: 0 }), evolve: (state, event) => ({ sum: state.sum + event.data.total }) };
const SumCommandHandler = decidingCommandHandler(SumApplicationCommand, {
  stream: (command) => counterStream(command.data.counterId),
  decider: sumOfTotals,
  decide: (state, command): Counted[] => [{ type: 'Counted', data: { counterId: command.data.counterId, total: state.sum } }],
  answer: (result) => result.events[0]!.data.total,
});

@Module({ providers: [CountCommandHandler, SumCommandHandler] })
class CounterWriteModule {}

const countOn = (counterId: string, id = 'command-1') =>
  testCommand({ class: CountApplicationCommand, type: 'Count', data: { counterId }, id, metadata: { correlationId: 'request-1' } });

describe('deciding command handler', () => {
  let spec: WriteModuleSpecification;
  beforeEach(async () => {
    spec = await WriteModuleSpecification.for({ imports: [CounterWriteModule] });
  });
  afterEach(() => spec.close());

  it('given past events on the stream, when the command is executed, then the decision sees them and the bus answers what the handler answers', async () => {
    await spec.givenEventsOccurred('Counter_a', [{ type: 'Counted', data: { counterId: 'a', total: 1 } }]);

    const total = await spec.module.get(ApplicationCommandBus).execute(countOn('a', 'command-2'));

    expect(total).toBe(2);
    const { events } = await spec.eventStore.readStream(counterStream('a'));
    expect(events.at(-1)).toMatchObject({ data: { total: 2 }, metadata: { correlationId: 'request-1', causationId: 'command-2' } });
  });

  it('when the decision refuses, then the command fails with its rule violation and nothing is appended', async () => {
    await spec.whenCommandExecuted(countOn('closed'));

    await spec.thenCommandFailed(CounterClosed);
    expect((await spec.eventStore.readStream(counterStream('closed'))).events).toEqual([]);
  });

  it('given a decider, when the command is executed, then the decision sees the state folded from the past events', async () => {
    await spec.givenEventsOccurred('Counter_b', [
      { type: 'Counted', data: { counterId: 'b', total: 2 } },
      { type: 'Counted', data: { counterId: 'b', total: 3 } },
    ]);

    const sum = await spec.module
      .get(ApplicationCommandBus)
      .execute(testCommand({ class: SumApplicationCommand, type: 'Sum', data: { counterId: 'b' }, metadata: { correlationId: 'request-2' } }));

    expect(sum).toBe(5);
  });

  it('is named after its command, for wiring errors and logs', () => {
    expect(CountCommandHandler.name).toBe('CountCommandHandler');
  });
});
