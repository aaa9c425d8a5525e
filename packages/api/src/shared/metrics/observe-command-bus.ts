import type { CommandBus, ICommand } from '@nestjs/cqrs';
import { ConcurrencyError, DuplicateEventError, EventStoreUnavailableError } from '@coderscamp/event-sourcing';
import { DomainRuleViolation } from '../../module/shared/errors/domain-rule-violation';
import { toHttpErrorBody } from '../errors/to-http-error-body';
import type { AppMetrics, CommandOutcome } from './app-metrics';

/**
 * Every command — from a controller, an automation or the CLI — goes through the one CommandBus,
 * so timing it there counts them all without touching a handler. A failure is counted by the
 * stable code its error maps to, the one clients and the console's board see.
 */
export function observeCommandBus(commandBus: CommandBus, metrics: AppMetrics): void {
  const execute = commandBus.execute.bind(commandBus) as (command: ICommand) => Promise<unknown>;
  const observed = async (command: ICommand): Promise<unknown> => {
    const type = commandTypeOf(command);
    const stopTimer = metrics.commandDuration.startTimer({ type });
    try {
      const result = await execute(command);
      metrics.commandsHandled.inc({ type, outcome: 'success' });
      return result;
    } catch (error) {
      metrics.commandsHandled.inc({ type, outcome: outcomeOf(error) });
      metrics.commandsRejected.inc({ type, code: toHttpErrorBody(error).code });
      throw error;
    } finally {
      stopTimer();
    }
  };
  commandBus.execute = observed as CommandBus['execute'];
}

function commandTypeOf(command: ICommand): string {
  const type = (command as { type?: unknown }).type;
  return typeof type === 'string' ? type : command.constructor.name;
}

export function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof DomainRuleViolation) return 'rejected';
  if (error instanceof ConcurrencyError || error instanceof DuplicateEventError) return 'conflict';
  if (error instanceof EventStoreUnavailableError) return 'unavailable';
  return 'error';
}
