import type { SkipParkedEvent } from '../../../shared/commands/skip-parked-event.command';
import type { SubscriptionAdministrationDomainEvent } from './events';

/** Records a skip the subscription has made. Whether the event was parked is its rule, checked when it skipped it. */
export function skipParkedEvent(_pastEvents: SubscriptionAdministrationDomainEvent[], command: SkipParkedEvent): SubscriptionAdministrationDomainEvent[] {
  const { subscriptionId, eventId, adminId } = command.data;
  return [{ type: 'ParkedEventWasSkipped', data: { subscriptionId, eventId, skippedBy: adminId } }];
}
