import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ApplicationCommandFactory } from '../application/application-command';
import { ApplicationService, DEFAULT_CACHED_STREAM_EVENTS, DEFAULT_CONCURRENCY_RETRY } from '../application/application-service';
import { EventEmitterPublisher } from '../application/event-publisher';
import { uuidIdGenerator } from '../core/id-generator';
import { silentLogger } from '../core/logger';
import { systemTimeProvider } from '../core/time-provider';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { DEFAULT_STATUS_MONITOR_OPTIONS, SubscriptionStatusMonitor } from '../subscriptions/subscription-status-monitor';
import type { EventSourcingModuleOptions } from './event-sourcing-options';
import { ApplicationCommandBus } from './application-command-bus';
import { SnapshotsLifecycle } from './snapshots-lifecycle';
import { SubscriptionsLifecycle } from './subscriptions-lifecycle';
import {
  APPLICATION_SERVICE,
  EVENT_SOURCING_OPTIONS,
  EVENT_STORE,
  ID_GENERATOR,
  SUBSCRIPTION_STORE,
  TIME_PROVIDER,
} from './tokens';

export type EventSourcingModuleAsyncOptions = Pick<ModuleMetadata, 'imports'> &
  Pick<FactoryProvider<EventSourcingModuleOptions | Promise<EventSourcingModuleOptions>>, 'useFactory' | 'inject'>;

type Options = EventSourcingModuleOptions;

/**
 * The SDK wired for NestJS: event store, application service, command factory, subscriptions
 * factory, clock and ids. Needs `EventEmitterModule.forRoot({ wildcard: true })` in the application
 * for in-process publication.
 */
@Module({})
export class EventSourcingModule {
  static forRootAsync(options: EventSourcingModuleAsyncOptions): DynamicModule {
    return {
      module: EventSourcingModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: EVENT_SOURCING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: EVENT_STORE, useFactory: (o: Options) => o.eventStore, inject: [EVENT_SOURCING_OPTIONS] },
        { provide: SUBSCRIPTION_STORE, useFactory: (o: Options) => o.subscriptionStore, inject: [EVENT_SOURCING_OPTIONS] },
        { provide: TIME_PROVIDER, useFactory: (o: Options) => o.timeProvider ?? systemTimeProvider, inject: [EVENT_SOURCING_OPTIONS] },
        { provide: ID_GENERATOR, useFactory: (o: Options) => o.idGenerator ?? uuidIdGenerator, inject: [EVENT_SOURCING_OPTIONS] },
        {
          provide: APPLICATION_SERVICE,
          useFactory: (o: Options, emitter: EventEmitter2) => {
            const logger = o.logger ?? silentLogger;
            const publisher = new EventEmitterPublisher(emitter, (error, event) =>
              logger.warn('In-process event listener failed', { eventId: event.id, type: event.type, error: String(error) }),
            );
            return new ApplicationService(o.eventStore, o.timeProvider ?? systemTimeProvider, o.idGenerator ?? uuidIdGenerator, publisher, {
              concurrencyRetry: o.concurrencyRetry ?? DEFAULT_CONCURRENCY_RETRY,
              cachedStreamEvents: o.cachedStreamEvents ?? DEFAULT_CACHED_STREAM_EVENTS,
              logger,
            });
          },
          inject: [EVENT_SOURCING_OPTIONS, EventEmitter2],
        },
        {
          provide: ApplicationCommandFactory,
          useFactory: (o: Options) =>
            new ApplicationCommandFactory(o.idGenerator ?? uuidIdGenerator, o.timeProvider ?? systemTimeProvider),
          inject: [EVENT_SOURCING_OPTIONS],
        },
        {
          provide: EventsSubscriptionsFactory,
          useFactory: (o: Options) => new EventsSubscriptionsFactory(o.eventStore, o.subscriptionStore, o.subscriptionDefaults, o.logger),
          inject: [EVENT_SOURCING_OPTIONS],
        },
        {
          provide: SubscriptionStatusMonitor,
          useFactory: (o: Options, subscriptions: EventsSubscriptionsFactory<unknown>) =>
            new SubscriptionStatusMonitor(() => subscriptions.statuses(), o.statusMonitor ?? DEFAULT_STATUS_MONITOR_OPTIONS),
          inject: [EVENT_SOURCING_OPTIONS, EventsSubscriptionsFactory],
        },
        SubscriptionsLifecycle,
        SnapshotsLifecycle,
        ApplicationCommandBus,
      ],
      exports: [
        EVENT_SOURCING_OPTIONS,
        EVENT_STORE,
        SUBSCRIPTION_STORE,
        TIME_PROVIDER,
        ID_GENERATOR,
        APPLICATION_SERVICE,
        ApplicationCommandFactory,
        EventsSubscriptionsFactory,
        SubscriptionStatusMonitor,
        ApplicationCommandBus,
      ],
    };
  }
}
