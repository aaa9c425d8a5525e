import { Injectable } from '@nestjs/common';
import { EventsSubscriptionsFactory, ParkedEventNotFoundError, UnknownSubscriptionError, type EventsSubscription } from '@coderscamp/event-sourcing';
import type { ParkedEventReplayOutcome } from '../../../shared/commands/replay-parked-event.command';
import type { ParkedEventsPort } from '../application/parked-events.port';
import { ParkedEventNotFound, SubscriptionNotFound } from '../domain/errors';

/** Answers from the subscriptions this application defines, through the SDK. */
@Injectable()
export class SubscriptionsFactoryParkedEventsAdapter implements ParkedEventsPort {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<unknown>) {}

  async replay(subscriptionId: string, eventId: string): Promise<ParkedEventReplayOutcome> {
    const replay = await this.onParkedEvent(subscriptionId, eventId, (subscription) => subscription.replayParked(eventId));
    return replay.replayed ? { handled: true } : { handled: false, error: replay.parked.error, attempts: replay.parked.attempts };
  }

  async skip(subscriptionId: string, eventId: string): Promise<void> {
    await this.onParkedEvent(subscriptionId, eventId, (subscription) => subscription.skipParked(eventId));
  }

  private async onParkedEvent<T>(subscriptionId: string, eventId: string, action: (subscription: EventsSubscription<unknown>) => Promise<T>): Promise<T> {
    try {
      return await action(this.subscriptions.require(subscriptionId));
    } catch (error) {
      if (error instanceof UnknownSubscriptionError) throw new SubscriptionNotFound(subscriptionId);
      if (error instanceof ParkedEventNotFoundError) throw new ParkedEventNotFound(subscriptionId, eventId);
      throw error;
    }
  }
}
