import { Inject, type Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { AbstractApplicationCommand, CommandResult } from '../application/application-command';
import type { ApplicationService, ExecutionResult } from '../application/application-service';
import type { DomainCommand, DomainEvent } from '../core/events';
import type { StreamName } from '../core/stream-name';
import { APPLICATION_SERVICE } from './tokens';

type AnyApplicationCommand = AbstractApplicationCommand<DomainCommand, unknown>;

/** How a command's answer follows from what it appended; required exactly when the command answers something. */
type Answer<A extends AnyApplicationCommand, E extends DomainEvent> = [CommandResult<A>] extends [void]
  ? { readonly answer?: never }
  : { readonly answer: (result: ExecutionResult<E>, command: A) => CommandResult<A> };

export type DecidingCommandHandler<A extends AnyApplicationCommand> = Readonly<{ execute(command: A): Promise<CommandResult<A>> }>;

export type DecidingCommandHandlerDefinition<A extends AnyApplicationCommand, E extends DomainEvent> = {
  /** The one stream the command is decided on. */
  readonly stream: (command: A) => StreamName | string;
  /** The pure domain function: the stream's past events and the command in, new events out (or a rule violation thrown). */
  readonly decide: (pastEvents: E[], command: A) => E[] | Promise<E[]>;
} & Answer<A, E>;

/**
 * The command handler of a command decided on one stream, as a class to register as a provider:
 *
 * `export const CompleteTaskCommandHandler = decidingCommandHandler(CompleteTaskApplicationCommand, {
 *   stream: (command) => learningMaterialsTasksStream(command.data.learningMaterialsId),
 *   decide: completeTask,
 * });`
 *
 * The events carry the command's correlation id and its id as causation id (`ApplicationService.handle`).
 */
export function decidingCommandHandler<A extends AnyApplicationCommand, E extends DomainEvent>(
  commandClass: Type<A>,
  definition: DecidingCommandHandlerDefinition<A, E>,
): Type<DecidingCommandHandler<A>> {
  @CommandHandler(commandClass)
  class Handler {
    constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

    async execute(command: A): Promise<CommandResult<A>> {
      const result = await this.applicationService.handle<E>(definition.stream(command), command, (pastEvents) => definition.decide(pastEvents, command));
      return definition.answer?.(result, command) as CommandResult<A>;
    }
  }
  // Named after its command, for NestJS's wiring errors and logs.
  Object.defineProperty(Handler, 'name', { value: `${commandClass.name.replace(/ApplicationCommand$/, '')}CommandHandler` });
  return Handler;
}
