import { StreamName } from '@coderscamp/event-sourcing';
import type { ParkedEventWasReplayed } from '../../../shared/events/parked-event-was-replayed.event';
import type { ParkedEventWasSkipped } from '../../../shared/events/parked-event-was-skipped.event';
import type { SubscriptionRebuildWasRequested } from '../../../shared/events/subscription-rebuild-was-requested.event';

export type SubscriptionAdministrationDomainEvent = ParkedEventWasReplayed | ParkedEventWasSkipped | SubscriptionRebuildWasRequested;

/** What administrators did to one subscription, in order. */
export function subscriptionAdministrationStream(subscriptionId: string): StreamName {
  return StreamName.of('SubscriptionAdministration', subscriptionId);
}
