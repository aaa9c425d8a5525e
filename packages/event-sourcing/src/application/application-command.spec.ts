import { describe, expect, it } from 'vitest';
import type { DomainCommand } from '../core/events';
import { SequentialIdGenerator } from '../core/id-generator';
import { FixedTimeProvider } from '../core/time-provider';
import { AbstractApplicationCommand, ApplicationCommandFactory } from './application-command';

type Greet = DomainCommand<'Greet', { greetingId: string; name: string }>;
class GreetApplicationCommand extends AbstractApplicationCommand<Greet> {}

describe('application command factory', () => {
  const clock = new FixedTimeProvider(new Date('2026-05-01T08:00:00.000Z'));

  it('gives the command an id and issue time, and hands the id generator to the builder for the data', () => {
    const ids = new SequentialIdGenerator();
    const factory = new ApplicationCommandFactory(ids, clock);

    const command = factory.applicationCommand((idGenerator) => ({
      class: GreetApplicationCommand,
      type: 'Greet',
      data: { greetingId: idGenerator.generate(), name: 'Ada' },
      metadata: { correlationId: 'request-7' },
    }));

    expect(command).toBeInstanceOf(GreetApplicationCommand);
    expect(command.data).toEqual({ greetingId: ids.nth(1), name: 'Ada' });
    expect(command.id).toBe(ids.nth(2));
    expect(command.issuedAt).toEqual(new Date('2026-05-01T08:00:00.000Z'));
    expect(command.metadata).toEqual({ correlationId: 'request-7' });
  });

  it('keeps the correlation and causation the caller passes on', () => {
    const factory = new ApplicationCommandFactory(new SequentialIdGenerator(), clock);
    const command = factory.applicationCommand(() => ({
      class: GreetApplicationCommand,
      type: 'Greet',
      data: { greetingId: 'g', name: 'Ada' },
      metadata: { correlationId: 'original-request', causationId: 'event-42' },
    }));
    expect(command.metadata).toEqual({ correlationId: 'original-request', causationId: 'event-42' });
  });

  it('starts a new correlation, its own id, when the caller gives none', () => {
    const ids = new SequentialIdGenerator();
    const command = new ApplicationCommandFactory(ids, clock).applicationCommand(() => ({
      class: GreetApplicationCommand,
      type: 'Greet',
      data: { greetingId: 'g', name: 'Ada' },
    }));
    expect(command.metadata.correlationId).toBe(command.id);
  });
});
