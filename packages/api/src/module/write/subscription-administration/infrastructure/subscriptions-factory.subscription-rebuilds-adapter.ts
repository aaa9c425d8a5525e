import { Inject, Injectable } from '@nestjs/common';
import { EventsSubscriptionsFactory, RebuildUnderWayError, UnknownSubscriptionError, type EventStore, type EventsSubscription, type LogPosition, type RebuildStatus } from '@coderscamp/event-sourcing';
import { LOG_START, type SubscriptionStore } from '@coderscamp/event-sourcing/adapters';
import { EVENT_STORE, SUBSCRIPTION_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { RecordedLogPosition } from '../../../shared/subscription-rebuild';
import type { SubscriptionRebuildsPort } from '../application/subscription-rebuilds.port';
import { SubscriptionNotFound, SubscriptionRebuildUnderWay } from '../domain/errors';

/** Answers from the subscriptions this application defines, through the SDK, as the CLI's `rebuild` does. */
@Injectable()
export class SubscriptionsFactorySubscriptionRebuildsAdapter implements SubscriptionRebuildsPort {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SUBSCRIPTION_STORE) private readonly store: SubscriptionStore<unknown>,
  ) {}

  async checkpoint(subscriptionId: string): Promise<RecordedLogPosition | null> {
    const subscription = this.subscription(subscriptionId);
    // A blue/green rebuild leaves the serving checkpoint alone: until it switches in, nothing is rebuilt yet. One that failed is over.
    if (isUnderWay(await subscription.rebuildStatus())) return null;
    // The stored rows (one per partition) are gone from the reset until the new run recreates them; the status alone would still show the old position meanwhile.
    const stored = await Promise.all(subscription.checkpointIds.map((checkpointId) => this.store.find(checkpointId)));
    if (stored.some((row) => row === null)) return null;
    const { position } = await subscription.status();
    return position && recorded(position);
  }

  async logToReplay(): Promise<Readonly<{ endOfLog: RecordedLogPosition; events: number }>> {
    const [endOfLog, backlog] = await Promise.all([this.eventStore.endOfLog(), this.eventStore.backlogAfter(LOG_START)]);
    return { endOfLog: recorded(endOfLog), events: backlog.events };
  }

  async rebuild(subscriptionId: string): Promise<void> {
    try {
      await this.subscription(subscriptionId).rebuild();
    } catch (error) {
      if (error instanceof RebuildUnderWayError) throw new SubscriptionRebuildUnderWay(subscriptionId);
      throw error;
    }
  }

  private subscription(subscriptionId: string): EventsSubscription<unknown> {
    try {
      return this.subscriptions.require(subscriptionId);
    } catch (error) {
      if (error instanceof UnknownSubscriptionError) throw new SubscriptionNotFound(subscriptionId);
      throw error;
    }
  }
}

function isUnderWay(rebuild: RebuildStatus | null): boolean {
  return rebuild?.state === 'building' || rebuild?.state === 'switching';
}

function recorded(position: LogPosition): RecordedLogPosition {
  return { transactionId: position.transactionId.toString(), globalPosition: position.globalPosition.toString() };
}
