import { StreamName, type ApplicationEvent, type EventStore } from '@coderscamp/event-sourcing';
import type { ParkedEventWasReplayed } from '../../shared/events/parked-event-was-replayed.event';
import type { ParkedEventWasSkipped } from '../../shared/events/parked-event-was-skipped.event';
import type { SubscriptionRebuildWasRequested } from '../../shared/events/subscription-rebuild-was-requested.event';
import type { SubscriptionActionResponse } from './subscription-action.response';

export type AdministrationEvent = ApplicationEvent<ParkedEventWasReplayed | ParkedEventWasSkipped | SubscriptionRebuildWasRequested>;

/**
 * What administrators did to one subscription, read from its stream (`SubscriptionAdministration_<id>`,
 * written by module/write/subscription-administration). One stream per subscription the application
 * defines: no scan of the whole log, which has no index by category.
 */
export async function administrationEventsOf(eventStore: EventStore, subscriptionId: string): Promise<AdministrationEvent[]> {
  return (await eventStore.readStream<AdministrationEvent>(StreamName.of('SubscriptionAdministration', subscriptionId))).events as AdministrationEvent[];
}

export function lastRebuildRequest(events: readonly AdministrationEvent[]): ApplicationEvent<SubscriptionRebuildWasRequested> | null {
  return events.filter((event): event is ApplicationEvent<SubscriptionRebuildWasRequested> => event.type === 'SubscriptionRebuildWasRequested').at(-1) ?? null;
}

export function toAction(event: AdministrationEvent): SubscriptionActionResponse {
  const recorded = { eventId: event.id, globalPosition: event.globalPosition.toString(), subscriptionId: event.data.subscriptionId, at: event.occurredAt.toISOString() };
  switch (event.type) {
    case 'ParkedEventWasReplayed':
      return { ...recorded, action: 'replay', adminId: event.data.replayedBy, parkedEventId: event.data.eventId, outcome: event.data.outcome, error: event.data.error };
    case 'ParkedEventWasSkipped':
      return { ...recorded, action: 'skip', adminId: event.data.skippedBy, parkedEventId: event.data.eventId, outcome: 'skipped', error: null };
    case 'SubscriptionRebuildWasRequested':
      return { ...recorded, action: 'rebuild', adminId: event.data.requestedBy, parkedEventId: null, outcome: 'requested', error: null };
  }
}
