import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '../subscriptions/events-subscriptions-factory';
import { SubscriptionStatusMonitor } from '../subscriptions/subscription-status-monitor';
import type { EventSourcingModuleOptions } from './event-sourcing-options';
import { EVENT_SOURCING_OPTIONS } from './tokens';

/**
 * Starts every subscription the slices built once the whole application is wired (so no handler
 * runs against a half-initialised module), and stops them at a checkpoint before shutdown, after the
 * status monitor, whose reads would otherwise outlive the pool.
 */
@Injectable()
export class SubscriptionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly statusMonitor: SubscriptionStatusMonitor,
    @Inject(EVENT_SOURCING_OPTIONS) private readonly options: EventSourcingModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.startSubscriptions === false) return;
    await Promise.all(this.subscriptions.subscriptions().map((subscription) => subscription.start()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.statusMonitor.stop();
    await Promise.all(this.subscriptions.subscriptions().map((subscription) => subscription.stop()));
  }
}
