import type { ParkedEventReplayOutcome, ReplayParkedEvent } from '../../../shared/commands/replay-parked-event.command';
import type { SubscriptionAdministrationDomainEvent } from './events';

/**
 * Records a replay the subscription has run, whatever came of it: a failed one is an administrator's
 * action too. Whether the event was parked is the subscription's rule, checked when it ran.
 */
export function replayParkedEvent(
  _pastEvents: SubscriptionAdministrationDomainEvent[],
  command: ReplayParkedEvent,
  outcome: ParkedEventReplayOutcome,
): SubscriptionAdministrationDomainEvent[] {
  const { subscriptionId, eventId, adminId } = command.data;
  return [
    {
      type: 'ParkedEventWasReplayed',
      data: { subscriptionId, eventId, replayedBy: adminId, outcome: outcome.handled ? 'handled' : 'still-failing', error: outcome.handled ? null : outcome.error },
    },
  ];
}
