import { describe, expect, it } from 'vitest';
import { AbstractApplicationCommand } from '../application/application-command';
import type { DomainCommand } from '../core/events';
import { TEST_COMMAND_ISSUED_AT, testCommand } from './test-command';

type Enrol = DomainCommand<'Enrol', { userId: string }>;
class EnrolApplicationCommand extends AbstractApplicationCommand<Enrol> {}

describe('test command', () => {
  it('given only class, type and data, then the command has a fixed id and issue time and starts its own correlation', () => {
    const command = testCommand({ class: EnrolApplicationCommand, type: 'Enrol', data: { userId: 'u-1' } });

    expect(command).toBeInstanceOf(EnrolApplicationCommand);
    expect(command).toEqual({ id: 'command-1', issuedAt: TEST_COMMAND_ISSUED_AT, type: 'Enrol', data: { userId: 'u-1' }, metadata: { correlationId: 'command-1' } });
  });

  it('given an id and metadata, then the command carries them', () => {
    const command = testCommand({
      class: EnrolApplicationCommand,
      type: 'Enrol',
      data: { userId: 'u-1' },
      id: 'command-2',
      metadata: { correlationId: 'request-1', causationId: 'event-1' },
    });

    expect(command).toMatchObject({ id: 'command-2', metadata: { correlationId: 'request-1', causationId: 'event-1' } });
  });
});
