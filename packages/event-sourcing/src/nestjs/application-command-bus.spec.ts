import type { CommandBus } from '@nestjs/cqrs';
import { describe, expect, it } from 'vitest';
import { AbstractApplicationCommand } from '../application/application-command';
import type { DomainCommand } from '../core/events';
import { testCommand } from '../testing/test-command';
import { ApplicationCommandBus } from './application-command-bus';

type Enrol = DomainCommand<'Enrol', { userId: string }>;
class EnrolApplicationCommand extends AbstractApplicationCommand<Enrol> {}

class RuleViolation extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const enrol = testCommand({ class: EnrolApplicationCommand, type: 'Enrol', data: { userId: 'u-1' } });
const busFailingWith = (error: unknown) =>
  new ApplicationCommandBus({
    execute: async () => {
      throw error;
    },
  } as unknown as CommandBus);

describe('application command bus', () => {
  it('when the command runs, then executeTolerating resolves to undefined', async () => {
    const executed: unknown[] = [];
    const bus = new ApplicationCommandBus({ execute: async (command: unknown) => void executed.push(command) } as unknown as CommandBus);

    await expect(bus.executeTolerating(enrol, ['ALREADY_ENROLLED'])).resolves.toBeUndefined();
    expect(executed).toEqual([enrol]);
  });

  it('when the command is refused with a tolerated code, then it resolves to that code', async () => {
    await expect(busFailingWith(new RuleViolation('ALREADY_ENROLLED')).executeTolerating(enrol, ['COURSE_FULL', 'ALREADY_ENROLLED'])).resolves.toBe(
      'ALREADY_ENROLLED',
    );
  });

  it('when the command is refused with another code, or fails without one, then the failure stands', async () => {
    const refused = new RuleViolation('COURSE_FULL');
    const crashed = new Error('connection lost');

    await expect(busFailingWith(refused).executeTolerating(enrol, ['ALREADY_ENROLLED'])).rejects.toBe(refused);
    await expect(busFailingWith(crashed).executeTolerating(enrol, ['ALREADY_ENROLLED'])).rejects.toBe(crashed);
  });
});
