import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventEmitterModule } from '@nestjs/event-emitter';
import type { EventStore } from '@coderscamp/event-sourcing';
import { EventSourcingModule, SUBSCRIPTION_STORE } from '@coderscamp/event-sourcing/nestjs';
import { PostgresSubscriptionStore, type SqlClient } from '@coderscamp/event-sourcing/postgres';
import { SQL_CLIENT } from '../../../shared/database/database-connection';
import { PinoLoggerService } from '../../../shared/observability/pino-logger.service';
import { sdkLoggerOver } from '../../../shared/observability/sdk-logger';
import { APP_EVENT_STORE, EventStoreModule } from './event-store.module';
import { PersonalDataErasure } from './personal-data-erasure';
import { ReadModelCatchUp } from './read-model-catch-up';
import { SUBSCRIPTIONS_RUNTIME, type SubscriptionsRuntime } from './subscriptions-runtime';

/** A projection statement running longer than this is cancelled and the event retried. */
const HANDLER_STATEMENT_TIMEOUT_MS = 10_000;

/**
 * The prepared SDK of the architecture document, wired for this application: command bus, command
 * factory, application service, subscriptions factory, clock and ids, over the app's event store
 * (EventStoreModule), the wait for a read model to show a command's events, and the erasure of a
 * user's personal data.
 * Global, so write, read and automation slices inject what they need without importing it.
 */
@Global()
@Module({
  imports: [
    CqrsModule.forRoot(),
    EventEmitterModule.forRoot({ wildcard: true, delimiter: '.' }),
    EventStoreModule,
    EventSourcingModule.forRootAsync({
      imports: [EventStoreModule],
      inject: [SQL_CLIENT, PinoLoggerService, SUBSCRIPTIONS_RUNTIME, APP_EVENT_STORE],
      useFactory: (sqlClient: SqlClient, logger: PinoLoggerService, runtime: SubscriptionsRuntime, eventStore: EventStore) => {
        const sdkLogger = sdkLoggerOver(logger.pino);
        return {
          eventStore,
          subscriptionStore: new PostgresSubscriptionStore(sqlClient, sdkLogger, { statementTimeoutMs: HANDLER_STATEMENT_TIMEOUT_MS }),
          logger: sdkLogger,
          startSubscriptions: runtime.startSubscriptions,
        };
      },
    }),
  ],
  providers: [ReadModelCatchUp, PersonalDataErasure],
  exports: [CqrsModule, ReadModelCatchUp, PersonalDataErasure],
})
export class SharedModule implements OnApplicationShutdown {
  constructor(@Inject(SUBSCRIPTION_STORE) private readonly subscriptionStore: unknown) {}

  /**
   * The subscription store's lock session holds a connection outside the pool (the event store's
   * sessions close with EventStoreModule); subscriptions have stopped (and released their leases) by now.
   */
  async onApplicationShutdown(): Promise<void> {
    if (this.subscriptionStore instanceof PostgresSubscriptionStore) await this.subscriptionStore.close();
  }
}
