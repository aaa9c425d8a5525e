import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventEmitterModule } from '@nestjs/event-emitter';
import type { EventStore } from '@coderscamp/event-sourcing';
import { EVENT_STORE, EventSourcingModule, SUBSCRIPTION_STORE } from '@coderscamp/event-sourcing/nestjs';
import { PostgresEventStore, PostgresSubscriptionStore, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import { SQL_CLIENT } from '../../../shared/database/database-connection';
import { PinoLoggerService } from '../../../shared/observability/pino-logger.service';
import { sdkLoggerOver } from '../../../shared/observability/sdk-logger';
import { ReadModelCatchUp } from './read-model-catch-up';
import { SUBSCRIPTIONS_RUNTIME, type SubscriptionsRuntime } from './subscriptions-runtime';

/** A projection statement running longer than this is cancelled and the event retried. */
const HANDLER_STATEMENT_TIMEOUT_MS = 10_000;

/**
 * The prepared SDK of the architecture document, wired for this application: command bus, command
 * factory, application service, subscriptions factory, clock and ids, over the app's database, and
 * the wait for a read model to show a command's events.
 * Global, so write, read and automation slices inject what they need without importing it.
 */
@Global()
@Module({
  imports: [
    CqrsModule.forRoot(),
    EventEmitterModule.forRoot({ wildcard: true, delimiter: '.' }),
    EventSourcingModule.forRootAsync({
      inject: [SQL_CLIENT, PinoLoggerService, SUBSCRIPTIONS_RUNTIME],
      useFactory: (sqlClient: SqlClient, logger: PinoLoggerService, runtime: SubscriptionsRuntime) => {
        const sdkLogger = sdkLoggerOver(logger.pino);
        return {
          eventStore: new PostgresEventStore(sqlClient, sdkLogger),
          subscriptionStore: new PostgresSubscriptionStore(sqlClient, sdkLogger, { statementTimeoutMs: HANDLER_STATEMENT_TIMEOUT_MS }),
          logger: sdkLogger,
          startSubscriptions: runtime.startSubscriptions,
        };
      },
    }),
  ],
  providers: [ReadModelCatchUp],
  exports: [CqrsModule, ReadModelCatchUp],
})
export class SharedModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SUBSCRIPTION_STORE) private readonly subscriptionStore: unknown,
  ) {}

  /**
   * The event store's LISTEN session and the subscription store's lock session each hold a
   * connection outside the pool; subscriptions have stopped (and released their leases) by now.
   */
  async onApplicationShutdown(): Promise<void> {
    if (this.eventStore instanceof PostgresEventStore) await this.eventStore.close();
    if (this.subscriptionStore instanceof PostgresSubscriptionStore) await this.subscriptionStore.close();
  }
}
