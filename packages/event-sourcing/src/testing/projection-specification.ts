import type { TestingModule } from '@nestjs/testing';
import type { DomainEvent, LogPosition } from '../core/events';
import { LOG_START } from '../core/events';
import { SequentialIdGenerator } from '../core/id-generator';
import { FixedTimeProvider } from '../core/time-provider';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { PostgresSubscriptionStore } from '../postgres/postgres-subscription-store';
import type { SqlClient, SqlRow } from '../postgres/sql-client';
import type { EventsSubscription } from '../subscriptions/events-subscription';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { appendGivenEvents } from './given-events';
import { settledEndOfLog } from './settled-log';
import { compileSliceModule, type SliceTestingOptions } from './nest-testing-module';

export type ProjectionSpecificationOptions = SliceTestingOptions &
  Readonly<{
    /** A migrated database (event store and read-model tables) of the test's own. */
    sqlClient: SqlClient;
  }>;

/**
 * Given events, then rows, for a read slice on a real PostgreSQL database: the slice's own
 * durable subscriptions project the events; the spec waits for them, then queries the tables.
 * `rebuild()` replays everything from scratch (beside the serving tables, where declared) and `redeliverLastGiven()` delivers the last given
 * events a second time, to prove a projection neither depends on live state nor double counts.
 */
export class ProjectionSpecification {
  readonly timeProvider = new FixedTimeProvider();
  readonly idGenerator = new SequentialIdGenerator();
  private moduleRef: TestingModule | null = null;
  private beforeLastGiven: LogPosition = LOG_START;

  private constructor(
    private readonly sqlClient: SqlClient,
    readonly eventStore: PostgresEventStore,
    private readonly subscriptionStore: PostgresSubscriptionStore,
  ) {}

  static async for(options: ProjectionSpecificationOptions): Promise<ProjectionSpecification> {
    const spec = new ProjectionSpecification(
      options.sqlClient,
      new PostgresEventStore(options.sqlClient),
      new PostgresSubscriptionStore(options.sqlClient),
    );
    spec.moduleRef = await compileSliceModule(options, {
      eventStore: spec.eventStore,
      subscriptionStore: spec.subscriptionStore as never,
      timeProvider: spec.timeProvider,
      idGenerator: spec.idGenerator,
    });
    return spec;
  }

  get module(): TestingModule {
    if (!this.moduleRef) throw new Error('Specification is closed');
    return this.moduleRef;
  }

  async givenEvents(streamName: string, events: DomainEvent[]): Promise<this> {
    this.beforeLastGiven = await settledEndOfLog(this.eventStore);
    await appendGivenEvents(this.eventStore, this.timeProvider, streamName, events);
    await this.caughtUp();
    return this;
  }

  async thenRows<R extends object = SqlRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    const { rows } = await this.sqlClient.query<R>(sql, params);
    return rows;
  }

  /**
   * Rebuilds every subscription as an operator would: a read model that declares its tables is
   * built beside the serving one and switched in; any other forgets its checkpoint, clears its
   * table and projects all events again.
   */
  async rebuild(): Promise<void> {
    const subscriptions = this.subscriptions();
    for (const subscription of subscriptions.filter((candidate) => candidate.rebuildsBlueGreen)) {
      await subscription.rebuild();
      await subscription.rebuilt();
    }
    await this.restartFrom(null, subscriptions.filter((candidate) => !candidate.rebuildsBlueGreen));
  }

  /** Moves the checkpoints back to before the last `givenEvents`, without clearing anything. */
  async redeliverLastGiven(): Promise<void> {
    await this.restartFrom(this.beforeLastGiven);
  }

  async close(): Promise<void> {
    await this.moduleRef?.close();
    this.moduleRef = null;
    await this.eventStore.close();
    await this.subscriptionStore.close();
  }

  private subscriptions(): EventsSubscription<unknown>[] {
    return this.module.get(EventsSubscriptionsFactory).subscriptions();
  }

  private async caughtUp(): Promise<void> {
    await Promise.all(this.subscriptions().map((subscription) => subscription.caughtUp()));
  }

  private async restartFrom(position: LogPosition | null, subscriptions = this.subscriptions()): Promise<void> {
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    for (const subscription of subscriptions) {
      if (position === null) {
        await this.subscriptionStore.reset(...subscription.checkpointIds);
      } else {
        // Every partition's checkpoint: each handles again what its streams hold after the position.
        await this.sqlClient.query(
          'UPDATE es_subscriptions SET transaction_id = $2::xid8, global_position = $3 WHERE subscription_id = ANY($1::text[])',
          [subscription.checkpointIds, position.transactionId.toString(), position.globalPosition.toString()],
        );
      }
    }
    await Promise.all(subscriptions.map((subscription) => subscription.start()));
    await this.caughtUp();
  }
}
