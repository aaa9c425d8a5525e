import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AbstractApplicationCommand } from '../application/application-command';
import type { DomainCommand } from '../core/events';

/**
 * The NestJS CommandBus, typed by the command: `execute(command)` answers what the command's class
 * declares (`AbstractApplicationCommand<C, R>`), never `any`.
 */
@Injectable()
export class ApplicationCommandBus {
  constructor(private readonly commandBus: CommandBus) {}

  async execute<R>(command: AbstractApplicationCommand<DomainCommand, R>): Promise<R> {
    return (await this.commandBus.execute(command)) as R;
  }

  /**
   * Runs a command whose refusal with one of `codes` means "this is already done" (a redelivered
   * event, a repeated start-up, someone else got there first): resolves to that code instead of
   * failing, or to `undefined` when the command ran. Matched on the refusal's `code`, because the
   * sender must not import the slice that defines the error class.
   */
  async executeTolerating<C extends string>(command: AbstractApplicationCommand<DomainCommand, unknown>, codes: readonly C[]): Promise<C | undefined> {
    try {
      await this.commandBus.execute(command);
      return undefined;
    } catch (error) {
      const code = toleratedCode(error, codes);
      if (code === undefined) throw error;
      return code;
    }
  }
}

function toleratedCode<C extends string>(error: unknown, codes: readonly C[]): C | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  return codes.find((code) => code === error.code);
}
