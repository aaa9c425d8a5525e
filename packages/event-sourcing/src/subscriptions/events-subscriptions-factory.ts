import { SubscriptionDefinitionError, UnknownSubscriptionError } from '../core/errors';
import { NO_BACKLOG, type EventStore } from '../core/event-store';
import type { ApplicationEvent, DomainEvent, LogPosition } from '../core/events';
import { silentLogger, type SdkLogger } from '../core/logger';
import { MAX_PARTITIONS } from '../core/stream-partition';
import { EventsSubscription, storedCheckpoints } from './events-subscription';
import { ReadDependencies, readDependencyOf, type ReadDependency } from './read-dependencies';
import {
  DEFAULT_SUBSCRIPTION_OPTIONS,
  type AfterCommitHandler,
  type EventBatchHandler,
  type EventHandler,
  type InitialPositionHandler,
  type RegisteredHandler,
  type SubscriptionDefinition,
  type SubscriptionOptions,
  type SubscriptionStatus,
} from './subscription-options';
import type { SubscriptionStore } from './subscription-store';

/** A built subscription as its definition says: what tools that describe an application (its Event Model) read. */
export type SubscriptionDescription = Readonly<{
  subscriptionId: string;
  /** The event types it has handlers for, in the order they were registered. */
  handledEventTypes: readonly string[];
  /** The subscriptions whose read models its handlers read (`readsFrom`). */
  readsFrom: readonly string[];
}>;

const SUBSCRIPTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

/**
 * Fluent definition of a durable subscription:
 * `factory.subscription('CourseProgressReadModel_v1').onInitialPosition(clear).onEvent<TaskWasCompleted>('TaskWasCompleted', handle).build()`.
 */
export class SubscriptionBuilder<Tx> {
  private initialPosition: InitialPositionHandler<Tx> = () => undefined;
  private afterCommitHandler: AfterCommitHandler = () => undefined;
  private readonly handlers = new Map<string, RegisteredHandler<Tx>>();
  private readonly dependencies = new Set<string>();
  private readonly tables = new Set<string>();
  private options: SubscriptionOptions;

  constructor(
    private readonly subscriptionId: string,
    defaults: SubscriptionOptions,
    private readonly create: (builder: SubscriptionBuilder<Tx>) => EventsSubscription<Tx>,
  ) {
    this.options = defaults;
  }

  /** Runs once, when the subscription first starts (or restarts under a new id): e.g. clear its table. */
  onInitialPosition(handler: InitialPositionHandler<Tx>): this {
    this.initialPosition = handler;
    return this;
  }

  onEvent<E extends DomainEvent>(type: E['type'], handler: (event: ApplicationEvent<E>, tx: Tx) => Promise<void> | void): this {
    const handleOne = handler as EventHandler<Tx>;
    return this.register([type], { handle: (events, tx) => handleOne(events[0]!, tx), batches: false });
  }

  /**
   * Handles events of these types in batches: consecutive ones in a page (in log order, as many as
   * the page holds) reach the handler in one call, in the page's transaction. A handler that writes
   * them with one statement keeps that transaction a few round trips long however many events it
   * covers. On a failure the first event of the batch is retried alone, then the rest follows.
   */
  onEvents<E extends DomainEvent>(types: readonly E['type'][], handler: (events: readonly ApplicationEvent<E>[], tx: Tx) => Promise<void> | void): this {
    return this.register(types, { handle: handler as EventBatchHandler<Tx>, batches: true });
  }

  private register(types: readonly string[], handler: RegisteredHandler<Tx>): this {
    for (const type of types) {
      if (this.handlers.has(type)) throw new SubscriptionDefinitionError(`Subscription "${this.subscriptionId}" already handles ${type}`);
      this.handlers.set(type, handler);
    }
    return this;
  }

  /**
   * Runs after each transaction that handled events commits: for effects that must not happen
   * before the commit, such as telling other processes that a read model changed.
   */
  afterCommit(handler: AfterCommitHandler): this {
    this.afterCommitHandler = handler;
    return this;
  }

  /**
   * Names the subscriptions whose read models the handlers read, e.g. an automation looking up a
   * projection's table. Before handling an event it waits until each of them has handled everything
   * up to that event, so a lookup that misses then is a genuine failure, not a projection lagging
   * behind (after a deploy with a backlog, or a rebuild). They must be built by the same factory.
   */
  readsFrom(...subscriptionIds: string[]): this {
    for (const subscriptionId of subscriptionIds) {
      if (subscriptionId === this.subscriptionId) {
        throw new SubscriptionDefinitionError(`Subscription "${this.subscriptionId}" cannot read from itself`);
      }
      this.dependencies.add(subscriptionId);
    }
    return this;
  }

  /**
   * Names the tables the handlers write and no other subscription does: its read model. A rebuild
   * then builds new copies of them beside the serving ones, which keep serving reads and following
   * the log, and swaps them in atomically once caught up (on stores that offer it, see
   * `RebuildTables`). Handlers must name these tables unqualified.
   */
  ownsTables(...tables: string[]): this {
    for (const table of tables) this.tables.add(table);
    return this;
  }

  withOptions(options: Partial<SubscriptionOptions>): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  build(): EventsSubscription<Tx> {
    if (this.handlers.size === 0) throw new SubscriptionDefinitionError(`Subscription "${this.subscriptionId}" handles no events`);
    const { partitions } = this.options;
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new SubscriptionDefinitionError(`Subscription "${this.subscriptionId}" needs 1 to ${MAX_PARTITIONS} partitions, not ${partitions}`);
    }
    return this.create(this);
  }

  /** @internal read by the factory */
  definition(): SubscriptionDefinition<Tx> {
    return {
      subscriptionId: this.subscriptionId,
      onInitialPosition: this.initialPosition,
      handlers: this.handlers,
      afterCommit: this.afterCommitHandler,
      options: this.options,
      readsFrom: [...this.dependencies],
      ownedTables: [...this.tables],
    };
  }
}

/** Builds durable subscriptions and keeps track of them, for health checks, metrics and the CLI. */
export class EventsSubscriptionsFactory<Tx> {
  private readonly built = new Map<string, EventsSubscription<Tx>>();
  private readonly definitions = new Map<string, SubscriptionDefinition<Tx>>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly store: SubscriptionStore<Tx>,
    private readonly defaults: Partial<SubscriptionOptions> = {},
    private readonly logger: SdkLogger = silentLogger,
  ) {}

  subscription(subscriptionId: string): SubscriptionBuilder<Tx> {
    if (!SUBSCRIPTION_ID_PATTERN.test(subscriptionId)) {
      throw new SubscriptionDefinitionError(`Invalid subscription id "${subscriptionId}"`);
    }
    if (this.built.has(subscriptionId)) throw new SubscriptionDefinitionError(`Subscription "${subscriptionId}" is already defined`);
    return new SubscriptionBuilder<Tx>(subscriptionId, { ...DEFAULT_SUBSCRIPTION_OPTIONS, ...this.defaults }, (builder) => {
      const definition = builder.definition();
      const subscription: EventsSubscription<Tx> = new EventsSubscription<Tx>(
        definition,
        this.eventStore,
        this.store,
        this.logger,
        {
          resolveReadDependencies: () => this.readDependenciesOf(definition),
          announceCommit: () => this.built.forEach((other) => other !== subscription && other.onCommitElsewhere()),
        },
      );
      this.built.set(subscriptionId, subscription);
      this.definitions.set(subscriptionId, definition);
      return subscription;
    });
  }

  subscriptions(): EventsSubscription<Tx>[] {
    return [...this.built.values()];
  }

  /**
   * Every subscription's status, in the order they were built, from one read of the subscription
   * store and one of the log, however many there are: what health checks and status pages ask often.
   */
  async statuses(): Promise<SubscriptionStatus[]> {
    const subscriptions = this.subscriptions();
    const stored = storedCheckpoints(await this.store.list());
    const positions = subscriptions.map((subscription) => subscription.positionGiven(stored));
    const known = positions.filter((position): position is LogPosition => position !== null);
    const backlogs = known.length > 0 ? await this.eventStore.backlogsAfter(known) : [];
    let nextBacklog = 0;
    return subscriptions.map((subscription, index) => {
      const position = positions[index]!;
      return subscription.statusGiven(stored, position, position ? backlogs[nextBacklog++]! : NO_BACKLOG);
    });
  }

  find(subscriptionId: string): EventsSubscription<Tx> | undefined {
    return this.built.get(subscriptionId);
  }

  /** Every subscription built so far, in the order they were built, with the events it handles. */
  describe(): SubscriptionDescription[] {
    return [...this.definitions.values()].map((definition) => ({
      subscriptionId: definition.subscriptionId,
      handledEventTypes: [...definition.handlers.keys()],
      readsFrom: [...definition.readsFrom],
    }));
  }

  /**
   * What a subscription reads from, with the event types each handles. Resolved when it starts, not
   * when it is built: slices build in any order. Every process builds the same subscriptions, so the
   * types are known here even when another process runs the dependency.
   */
  private readDependenciesOf(definition: SubscriptionDefinition<Tx>): ReadDependency[] {
    return definition.readsFrom.map((dependencyId) => {
      const dependency = this.definitions.get(dependencyId);
      const reading = `Subscription "${definition.subscriptionId}" reads from "${dependencyId}"`;
      if (!dependency) throw new SubscriptionDefinitionError(`${reading}, which is not defined`);
      // Each would wait for the other.
      if (this.readsFromTransitively(dependencyId, definition.subscriptionId)) {
        throw new SubscriptionDefinitionError(`${reading}, which reads from it in turn`);
      }
      return readDependencyOf(dependency);
    });
  }

  /**
   * Tells whether these subscriptions have handled the log up to a position, from their stored
   * checkpoints, so whichever instance runs them: what a request that must read its own write waits
   * for. Every partition counts, and a subscription whose last entries are ones it does not handle
   * (its stored checkpoint moves past those only now and then) counts once nothing it handles lies
   * in between. Keep the answer for repeated looks: what one look cleared costs the next no query.
   * Throws `UnknownSubscriptionError` for an id no slice defined.
   */
  handledLog(subscriptionIds: readonly string[]): ReadDependencies {
    const definitions = subscriptionIds.map((subscriptionId) => {
      const definition = this.definitions.get(subscriptionId);
      if (!definition) throw new UnknownSubscriptionError(subscriptionId);
      return definition;
    });
    const scanPageSize = Math.max(...definitions.map((definition) => definition.options.batchSize), 1);
    return new ReadDependencies(definitions.map(readDependencyOf), this.eventStore, this.store, scanPageSize);
  }

  /** Like `find`, for ids that come from outside (an operator, a request): throws `UnknownSubscriptionError`. */
  require(subscriptionId: string): EventsSubscription<Tx> {
    const subscription = this.built.get(subscriptionId);
    if (!subscription) throw new UnknownSubscriptionError(subscriptionId);
    return subscription;
  }

  private readsFromTransitively(from: string, target: string, visited = new Set<string>()): boolean {
    if (from === target) return true;
    if (visited.has(from)) return false;
    visited.add(from);
    return (this.definitions.get(from)?.readsFrom ?? []).some((next) => this.readsFromTransitively(next, target, visited));
  }
}
