import { Inject, Module, type ModuleMetadata, type OnModuleInit, type Type } from '@nestjs/common';
import {
  ApplicationCommandFactory,
  causedBy,
  type AbstractApplicationCommand,
  type ApplicationCommandSpec,
} from '../application/application-command';
import { SubscriptionDefinitionError } from '../core/errors';
import type { ApplicationEvent, DomainCommand, DomainEvent } from '../core/events';
import type { InitialPositionHandler } from '../subscriptions/subscription-options';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { ApplicationCommandBus } from './application-command-bus';

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The durable subscription id of the automation in `folderName`: PascalCase + `_v1`
 * (`when-task-was-completed-then-notify` → `WhenTaskWasCompletedThenNotify_v1`). A new id starts
 * from the beginning of the log, so renaming the folder re-sends every command.
 */
export function automationSubscriptionId(folderName: string): string {
  if (!KEBAB_CASE.test(folderName)) throw new SubscriptionDefinitionError(`Automation folder "${folderName}" is not kebab-case`);
  const pascalCase = folderName
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return `${pascalCase}_v1`;
}

/** A dependency injected by a token that does not say its type (a Symbol): `dependency<Mailer>(MAILER)`. */
export class TypedToken<T> {
  declare readonly type?: T;
  constructor(readonly token: string | symbol) {}
}

export function dependency<T>(token: string | symbol): TypedToken<T> {
  return new TypedToken<T>(token);
}

type Dependency = (abstract new (...args: never[]) => unknown) | TypedToken<unknown>;
type Injected<D> = { readonly [K in keyof D]: D[K] extends TypedToken<infer T> ? T : D[K] extends abstract new (...args: never[]) => infer T ? T : never };

type AnyApplicationCommand = AbstractApplicationCommand<DomainCommand, unknown>;

/** Sends a command set in motion by the event being handled: its metadata comes from the event. */
export type Send = <A extends AnyApplicationCommand, T extends A['type']>(command: Omit<ApplicationCommandSpec<A, T>, 'metadata'>) => Promise<void>;

export type AutomationContext<Tx, D> = Readonly<{ send: Send; tx: Tx }> & Injected<D>;

export type AutomationHandler<E extends DomainEvent, Tx, D> = (event: ApplicationEvent<E>, context: AutomationContext<Tx, D>) => Promise<void> | void;

/** A NestJS module running one automation; `subscriptionId` names its durable subscription. */
export type AutomationModule = Type<unknown> & Readonly<{ subscriptionId: string }>;

/**
 * "On these events, send this command": one durable subscription whose handlers build commands
 * from events and send them with the event's correlation id, the event's id as causation id and
 * the automation's subscription id (which `producedBy` passes on to the command's events).
 * Refusals with a tolerated rule code ("already done": a redelivery, someone got there first) count
 * as success. Built as a NestJS module, registered like any slice:
 *
 * `export const WhenTaskWasCompletedThenNotify = automation('when-task-was-completed-then-notify')
 *   .on<TaskWasCompleted>('TaskWasCompleted', (event, { send }) => send({ class, type, data }))
 *   .tolerating('NOTIFICATION_ALREADY_SENT')
 *   .build();`
 *
 * The folder name is passed as a literal (bundled code has no `__dirname`); the id comes from it.
 */
export function automation<Tx = unknown>(folderName: string): AutomationBuilder<Tx, object> {
  return new AutomationBuilder<Tx, object>(automationSubscriptionId(folderName));
}

export class AutomationBuilder<Tx, D> {
  private dependencies: Record<string, Dependency> = {};
  private readonly handlers = new Map<string, AutomationHandler<DomainEvent, Tx, D>>();
  private readonly toleratedCodes: string[] = [];
  private readonly readModels: string[] = [];
  private readonly modules: NonNullable<ModuleMetadata['imports']> = [];
  private initialPosition: InitialPositionHandler<Tx> | undefined;
  private partitionCount = 1;

  constructor(private readonly subscriptionId: string) {}

  /** What the handlers need besides `send` and `tx`, by name: `{ appUrl: AppUrl, mailer: dependency<Mailer>(MAILER) }`. Call it first. */
  inject<N extends Record<string, Dependency>>(dependencies: N): AutomationBuilder<Tx, N> {
    this.dependencies = dependencies;
    return this as unknown as AutomationBuilder<Tx, N>;
  }

  /** Modules providing injected dependencies that are not global. */
  imports(...modules: NonNullable<ModuleMetadata['imports']>): this {
    this.modules.push(...modules);
    return this;
  }

  /** The read models the handlers look up (see `SubscriptionBuilder.readsFrom`). */
  readsFrom(...subscriptionIds: string[]): this {
    this.readModels.push(...subscriptionIds);
    return this;
  }

  /** For an automation keeping tables of its own: runs once, when it first starts. */
  onInitialPosition(handler: InitialPositionHandler<Tx>): this {
    this.initialPosition = handler;
    return this;
  }

  on<E extends DomainEvent>(type: E['type'], handler: AutomationHandler<E, Tx, D>): this {
    this.handlers.set(type, handler as AutomationHandler<DomainEvent, Tx, D>);
    return this;
  }

  /**
   * Runs as that many partitions, shared by the application's instances (see
   * `SubscriptionOptions.partitions`): for handlers that need the order of events within a stream only.
   */
  partitions(count: number): this {
    this.partitionCount = count;
    return this;
  }

  /** Rule codes meaning the command's work is already done. */
  tolerating(...codes: string[]): this {
    this.toleratedCodes.push(...codes);
    return this;
  }

  build(): AutomationModule {
    const { subscriptionId, handlers, toleratedCodes, readModels, initialPosition, partitionCount } = this;
    const names = Object.keys(this.dependencies);

    class Automation implements OnModuleInit {
      static readonly subscriptionId = subscriptionId;
      private readonly injected: Record<string, unknown>;

      constructor(
        private readonly subscriptions: EventsSubscriptionsFactory<Tx>,
        private readonly commandBus: ApplicationCommandBus,
        private readonly commandFactory: ApplicationCommandFactory,
        ...dependencies: unknown[]
      ) {
        this.injected = Object.fromEntries(names.map((name, index) => [name, dependencies[index]]));
      }

      onModuleInit(): void {
        const subscription = this.subscriptions
          .subscription(subscriptionId)
          // Commands append in transactions of their own, which the checkpoint's transaction cannot
          // include: the handlers run before the checkpoint moves, so each event is handled at least
          // once, and the commands must be idempotent (derive ids from the event).
          .withOptions({ transactionalHandlers: false, partitions: partitionCount })
          .readsFrom(...readModels);
        if (initialPosition) subscription.onInitialPosition(initialPosition);
        for (const [type, handle] of handlers) {
          subscription.onEvent(type, (event, tx) => handle(event, { ...this.injected, tx, send: this.sender(event) } as AutomationContext<Tx, D>));
        }
        subscription.build();
      }

      private sender(event: ApplicationEvent): Send {
        return async (command) => {
          await this.commandBus.executeTolerating(
            this.commandFactory.applicationCommand(() => ({ ...command, metadata: { ...causedBy(event), automation: subscriptionId } })),
            toleratedCodes,
          );
        };
      }
    }

    const tokens = [EventsSubscriptionsFactory, ApplicationCommandBus, ApplicationCommandFactory, ...Object.values(this.dependencies).map(tokenOf)];
    tokens.forEach((token, index) => Inject(token)(Automation, undefined, index));
    Module({ imports: this.modules })(Automation);
    // Named after the automation, for NestJS's wiring errors and logs.
    Object.defineProperty(Automation, 'name', { value: subscriptionId.replace(/_v\d+$/, '') });
    return Automation;
  }
}

function tokenOf(dependency: Dependency): string | symbol | Type<unknown> {
  return dependency instanceof TypedToken ? dependency.token : (dependency as Type<unknown>);
}
