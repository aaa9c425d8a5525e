import type { DomainCommand, EventMetadata } from '../core/events';
import type { IdGenerator } from '../core/id-generator';
import type { TimeProvider } from '../core/time-provider';

export type CommandMetadata = Readonly<{
  correlationId: string;
  /** Id of the event or command that caused this command; absent when a person issued it. */
  causationId?: string;
  /** The subscription id of the automation that sent this command; absent otherwise. */
  automation?: string;
  [key: string]: unknown;
}>;

/**
 * A domain command wrapped in a class, because the NestJS CommandBus routes by class.
 * Subclass it once per command: `class CompleteTaskApplicationCommand extends AbstractApplicationCommand<CompleteTask> {}`;
 * `R` is what its handler answers (`AbstractApplicationCommand<StartUserSession, LogPosition | null>`).
 */
export abstract class AbstractApplicationCommand<C extends DomainCommand = DomainCommand, R = void> {
  /** Type only, never set (as `@nestjs/cqrs`'s `Command<R>`): lets a typed bus answer `Promise<R>`. */
  declare readonly resultType?: R;

  constructor(
    readonly id: string,
    readonly issuedAt: Date,
    readonly type: C['type'],
    readonly data: C['data'],
    readonly metadata: CommandMetadata,
  ) {}
}

/** What the handler of a command answers: `CommandResult<StartUserSessionApplicationCommand>` is `LogPosition | null`. */
export type CommandResult<A extends AbstractApplicationCommand<DomainCommand, unknown>> = A extends AbstractApplicationCommand<DomainCommand, infer R> ? R : never;

/** Anything that sets work in motion and is tracked: a command or a stored event. */
export type Cause = Readonly<{ id: string; metadata: Readonly<{ correlationId: string }> }>;

/**
 * The metadata of what a command or an event sets in motion (the events a command produces, the
 * commands an automation sends): the same correlation, caused by it.
 */
export function causedBy(cause: Cause): EventMetadata {
  return { correlationId: cause.metadata.correlationId, causationId: cause.id };
}

/** What the events of a command need to know about it; type and issue time are absent only for a bare `{ id, metadata }`. */
export type CommandCause = Readonly<{ id: string; type?: string; issuedAt?: Date; metadata: CommandMetadata }>;

/**
 * What the events of a command tell about it, under `metadata.command`: commands are not stored, so
 * only this lets the events alone draw the whole chain (request → events → automations → commands).
 */
export type CommandTrace = Readonly<{
  type?: string;
  /** ISO 8601. */
  issuedAt?: string;
  /** The command's own causation: the event that woke the automation sending it, or the command sending it. */
  causationId?: string;
  /** The subscription id of the automation that sent it. */
  automation?: string;
}>;

/** The metadata of the events a command produces: caused by the command, in its correlation, with its trace. */
export function producedBy(command: CommandCause): EventMetadata {
  const { causationId, automation } = command.metadata;
  const trace: CommandTrace = {
    ...(command.type === undefined ? {} : { type: command.type }),
    ...(command.issuedAt === undefined ? {} : { issuedAt: command.issuedAt.toISOString() }),
    ...(causationId === undefined ? {} : { causationId }),
    ...(automation === undefined ? {} : { automation }),
  };
  return { ...causedBy(command), command: trace };
}

export type ApplicationCommandClass<A extends AbstractApplicationCommand<DomainCommand, unknown>> = new (
  id: string,
  issuedAt: Date,
  type: A['type'],
  data: A['data'],
  metadata: CommandMetadata,
) => A;

export type ApplicationCommandSpec<A extends AbstractApplicationCommand<DomainCommand, unknown>, T extends A['type'] = A['type']> = Readonly<{
  class: ApplicationCommandClass<A>;
  type: T;
  data: A['data'];
  /** Set by automations (the triggering event's correlation id and id) and controllers (the request's correlation id). */
  metadata?: Partial<CommandMetadata>;
}>;

/** Gives every command its id, issue time and tracking metadata, so callers state only intent. */
export class ApplicationCommandFactory {
  constructor(
    private readonly idGenerator: IdGenerator,
    private readonly timeProvider: TimeProvider,
  ) {}

  /** The command type and data are checked against the class: `{ class: CompleteTaskApplicationCommand, type: 'CompleteTask', data }`. */
  applicationCommand<A extends AbstractApplicationCommand<DomainCommand, unknown>, T extends A['type']>(
    builder: (idGenerator: IdGenerator) => ApplicationCommandSpec<A, T>,
  ): A {
    const spec = builder(this.idGenerator);
    const id = this.idGenerator.generate();
    // A command nothing else set in motion starts a correlation of its own.
    const correlationId = spec.metadata?.correlationId ?? id;
    const metadata: CommandMetadata = { ...spec.metadata, correlationId };
    return new spec.class(id, this.timeProvider.currentTime(), spec.type, spec.data, metadata);
  }
}
