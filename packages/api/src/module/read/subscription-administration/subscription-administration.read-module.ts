import { Module } from '@nestjs/common';
import { SubscriptionAdministrationController } from './subscription-administration.controller';

/** What administrators see of the durable subscriptions; replaying and skipping parked events is module/write/subscription-administration. */
@Module({ controllers: [SubscriptionAdministrationController] })
export class SubscriptionAdministrationReadModule {}
