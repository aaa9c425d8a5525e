import { Module } from '@nestjs/common';
import { PARKED_EVENTS_PORT } from './application/parked-events.port';
import { ReplayParkedEventCommandHandler } from './application/replay-parked-event.command-handler';
import { RequestSubscriptionRebuildCommandHandler } from './application/request-subscription-rebuild.command-handler';
import { SkipParkedEventCommandHandler } from './application/skip-parked-event.command-handler';
import { SUBSCRIPTION_REBUILDS_PORT } from './application/subscription-rebuilds.port';
import { SubscriptionsFactoryParkedEventsAdapter } from './infrastructure/subscriptions-factory.parked-events-adapter';
import { SubscriptionsFactorySubscriptionRebuildsAdapter } from './infrastructure/subscriptions-factory.subscription-rebuilds-adapter';
import { ParkedEventsController } from './presentation/rest/parked-events.controller';
import { SubscriptionRebuildsController } from './presentation/rest/subscription-rebuilds.controller';

/**
 * Administrators replay or skip the events durable subscriptions parked, and rebuild subscriptions;
 * each action is an event on the subscription's administration stream.
 */
@Module({
  controllers: [ParkedEventsController, SubscriptionRebuildsController],
  providers: [
    ReplayParkedEventCommandHandler,
    SkipParkedEventCommandHandler,
    RequestSubscriptionRebuildCommandHandler,
    { provide: PARKED_EVENTS_PORT, useClass: SubscriptionsFactoryParkedEventsAdapter },
    { provide: SUBSCRIPTION_REBUILDS_PORT, useClass: SubscriptionsFactorySubscriptionRebuildsAdapter },
  ],
})
export class SubscriptionAdministrationWriteModule {}
