import { Module } from '@nestjs/common';
import { PARKED_EVENTS_PORT } from './application/parked-events.port';
import { ReplayParkedEventCommandHandler } from './application/replay-parked-event.command-handler';
import { SkipParkedEventCommandHandler } from './application/skip-parked-event.command-handler';
import { SubscriptionsFactoryParkedEventsAdapter } from './infrastructure/subscriptions-factory.parked-events-adapter';
import { ParkedEventsController } from './presentation/rest/parked-events.controller';

/** Administrators replay or skip the events durable subscriptions parked; each action is an event on the subscription's administration stream. */
@Module({
  controllers: [ParkedEventsController],
  providers: [ReplayParkedEventCommandHandler, SkipParkedEventCommandHandler, { provide: PARKED_EVENTS_PORT, useClass: SubscriptionsFactoryParkedEventsAdapter }],
})
export class SubscriptionAdministrationWriteModule {}
