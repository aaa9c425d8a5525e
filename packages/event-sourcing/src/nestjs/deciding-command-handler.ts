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

type StreamOf<A extends AnyApplicationCommand> = {
  /** The one stream the command is decided on. */
  readonly stream: (command: A) => StreamName | string;
};

export type DecidingCommandHandlerDefinition<A extends AnyApplicationCommand, E extends DomainEvent> = StreamOf<A> & {
  /** The pure domain function: the stream's past events and the command in, new events out (or a rule violation thrown). */
  readonly decide: (pastEvents: E[], command: A) => E[] | Promise<E[]>;
} & Answer<A, E>;

export type StateDecidingCommandHandlerDefinition<A extends AnyApplicationCommand, E extends DomainEvent, State> = StreamOf<A> & {
  readonly decider: Decider<State, E>;
  /** The pure domain function: the decider's state and the command in, new events out (or a rule violation thrown). */
  readonly decide: (state: State, command: A) => E[] | Promise<E[]>;
} & Answer<A, E>;

/**
 * The command handler of a command decided on one stream, as a class to register as a provider:
 *
 * `export const CompleteTaskCommandHandler = decidingCommandHandler(CompleteTaskApplicationCommand, {
 *   stream: (command) => learningMaterialsTasksStream(command.data.learningMaterialsId),
 *   decider: learningMaterialsTasks, // optional: decide on its state rather than on the past events
 *   decide: completeTask,
 * });`
 *
 * With `decider`, the stream is read from its snapshot when the decider snapshots.
 * The events carry the command's correlation id and its id as causation id (`ApplicationService.handle`).
 */
export function decidingCommandHandler<A extends AnyApplicationCommand, E extends DomainEvent, State>(
  commandClass: Type<A>,
  definition: StateDecidingCommandHandlerDefinition<A, E, State>,
): Type<DecidingCommandHandler<A>>;
export function decidingCommandHandler<A extends AnyApplicationCommand, E extends DomainEvent>(
  commandClass: Type<A>,
  definition: DecidingCommandHandlerDefinition<A, E>,
): Type<DecidingCommandHandler<A>>;
export function decidingCommandHandler<A extends AnyApplicationCommand, E extends DomainEvent, State>(
  commandClass: Type<A>,
  definition: DecidingCommandHandlerDefinition<A, E> | StateDecidingCommandHandlerDefinition<A, E, State>,
): Type<DecidingCommandHandler<A>> {
  const decideOn = decisionOf(definition);
  @CommandHandler(commandClass)
  class Handler {
    constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

    async execute(command: A): Promise<CommandResult<A>> {
      const result = await decideOn(this.applicationService, definition.stream(command), command);
      return definition.answer?.(result, command) as CommandResult<A>;
    }
  }
  // Named after its command, for NestJS's wiring errors and logs.
  Object.defineProperty(Handler, 'name', { value: `${commandClass.name.replace(/ApplicationCommand$/, '')}CommandHandler` });
  return Handler;
}

/** How the handler runs its command: on the past events, or on the decider's state. */
function decisionOf<A extends AnyApplicationCommand, E extends DomainEvent, State>(
  definition: DecidingCommandHandlerDefinition<A, E> | StateDecidingCommandHandlerDefinition<A, E, State>,
): (service: ApplicationService, stream: StreamName | string, command: A) => Promise<ExecutionResult<E>> {
  if ('decider' in definition) {
    const { decider, decide } = definition;
    return (service, stream, command) => service.handleOnState(stream, command, decider, (state) => decide(state, command));
  }
  const { decide } = definition;
  return (service, stream, command) => service.handle<E>(stream, command, (pastEvents) => decide(pastEvents, command));
}
