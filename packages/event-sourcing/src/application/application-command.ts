import type { DomainCommand } from '../core/events';
import type { IdGenerator } from '../core/id-generator';
import type { TimeProvider } from '../core/time-provider';

export type CommandMetadata = Readonly<{
  correlationId: string;
  /** Id of the event or command that caused this command; absent when a person issued it. */
  causationId?: string;
  [key: string]: unknown;
}>;

/**
 * A domain command wrapped in a class, because the NestJS CommandBus routes by class.
 * Subclass it once per command: `class CompleteTaskApplicationCommand extends AbstractApplicationCommand<CompleteTask> {}`.
 */
export abstract class AbstractApplicationCommand<C extends DomainCommand = DomainCommand> {
  constructor(
    readonly id: string,
    readonly issuedAt: Date,
    readonly type: C['type'],
    readonly data: C['data'],
    readonly metadata: CommandMetadata,
  ) {}
}

export type ApplicationCommandClass<A extends AbstractApplicationCommand> = new (
  id: string,
  issuedAt: Date,
  type: A['type'],
  data: A['data'],
  metadata: CommandMetadata,
) => A;

export type ApplicationCommandSpec<A extends AbstractApplicationCommand, T extends A['type'] = A['type']> = Readonly<{
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
  applicationCommand<A extends AbstractApplicationCommand, T extends A['type']>(
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
