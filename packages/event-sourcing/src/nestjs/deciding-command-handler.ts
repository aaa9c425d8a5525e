import { Inject, type Type } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { AbstractApplicationCommand, CommandResult } from '../application/application-command';
import type { ApplicationService, ExecutionResult } from '../application/application-service';
import type { Decider } from '../application/decider';
import type { DomainCommand, DomainEvent } from '../core/events';
import type { StreamName } from '../core/stream-name';
import { APPLICATION_SERVICE } from './tokens';

type AnyApplicationCommand = AbstractApplicationCommand<DomainCommand, unknown>;

/** How a command's answer follows from what it appended; required exactly when the command answers something. */
type Answer<A extends AnyApplicationCommand, E extends DomainEvent> = [CommandResult<A>] extends [void]
  ? { readonly answer?: never }
  : { readonly answer: (result: ExecutionResult<E>, command: A) => CommandResult<A> };

export type DecidingCommandHandler<A extends AnyApplicationCommand> = Readonly<{ execute(command: A): Promise<CommandResult<A>> }>;

/** The pure domain function on the stream's past events, or on a decider's state folded from them. */
type Decision<A extends AnyApplicationCommand, E extends DomainEvent, State> =
  | {
      readonly decider?: never;
      /** The stream's past events and the command in, new events out (or a rule violation thrown). */
      readonly decide: (pastEvents: E[], command: A) => E[] | Promise<E[]>;
    }
  | {
      readonly decider: Decider<State, E>;
      /** The decider's state and the command in, new events out (or a rule violation thrown). */
      readonly decide: (state: State, command: A) => E[] | Promise<E[]>;
    };

export type DecidingCommandHandlerDefinition<A extends AnyApplicationCommand, E extends DomainEvent, State = never> = {
  /** The one stream the command is decided on. */
  readonly stream: (command: A) => StreamName | string;
} & Decision<A, E, State> &
  Answer<A, E>;

/**
 * The command handler of a command decided on one stream, as a class to register as a provider:
 *
 * `export const CompleteTaskCommandHandler = decidingCommandHandler(CompleteTaskApplicationCommand, {
 *   stream: (command) => learningMaterialsTasksStream(command.data.learningMaterialsId),
 *   decide: completeTask,
 * });`
 *
 * With `decider`, `decide` gets the decider's state instead of the past events (and the stream is
 * read from its snapshot when the decider snapshots).
 *
 * The events carry the command's correlation id and its id as causation id (`ApplicationService.handle`).
 */
export function decidingCommandHandler<A extends AnyApplicationCommand, E extends DomainEvent, State = never>(
  commandClass: Type<A>,
  definition: DecidingCommandHandlerDefinition<A, E, State>,
): Type<DecidingCommandHandler<A>> {
  @CommandHandler(commandClass)
  class Handler {
    constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

    async execute(command: A): Promise<CommandResult<A>> {
      const stream = definition.stream(command);
      const result = definition.decider
        ? await this.applicationService.handleOnState(stream, command, definition.decider, (state) => definition.decide(state, command))
        : await this.applicationService.handle<E>(stream, command, (pastEvents) => definition.decide(pastEvents, command));
      return definition.answer?.(result, command) as CommandResult<A>;
    }
  }
  // Named after its command, for NestJS's wiring errors and logs.
  Object.defineProperty(Handler, 'name', { value: `${commandClass.name.replace(/ApplicationCommand$/, '')}CommandHandler` });
  return Handler;
}
