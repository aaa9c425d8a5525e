import type { CommandBus } from '@nestjs/cqrs';
import type { AbstractApplicationCommand } from '@coderscamp/event-sourcing';
import { DomainRuleViolation } from '../../shared/errors/domain-rule-violation';

/**
 * Runs an automation's command, treating the listed rule violations as "this already happened"
 * (a redelivered event, or someone else got there first). Matched by code, since an automation
 * must not import the write slice that defines the error class.
 */
export async function executeUnlessAlreadyDone(
  commandBus: CommandBus,
  command: AbstractApplicationCommand,
  alreadyDoneCodes: readonly string[],
): Promise<void> {
  try {
    await commandBus.execute(command);
  } catch (error) {
    if (error instanceof DomainRuleViolation && alreadyDoneCodes.includes(error.code)) return;
    throw error;
  }
}
