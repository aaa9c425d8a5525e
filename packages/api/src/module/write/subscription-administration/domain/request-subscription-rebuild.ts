import type { RequestSubscriptionRebuild } from '../../../shared/commands/request-subscription-rebuild.command';
import type { SubscriptionRebuildWasRequested } from '../../../shared/events/subscription-rebuild-was-requested.event';
import { rebuildHasFinished, type RecordedLogPosition } from '../../../shared/subscription-rebuild';
import { SubscriptionRebuildUnderWay } from './errors';
import type { SubscriptionAdministrationDomainEvent } from './events';

/** What the handler read before deciding: where the subscription stands and where the log ends. */
export type RebuildContext = Readonly<{
  /** The subscription's checkpoint; null while a reset has not been picked up. */
  checkpoint: RecordedLogPosition | null;
  endOfLog: RecordedLogPosition;
  eventsInLog: number;
  now: Date;
}>;

/** Refuses while the last requested rebuild has not reached the end of the log it was asked to replay. */
export function requestSubscriptionRebuild(
  pastEvents: SubscriptionAdministrationDomainEvent[],
  command: RequestSubscriptionRebuild,
  context: RebuildContext,
): SubscriptionAdministrationDomainEvent[] {
  const { subscriptionId, adminId } = command.data;
  const last = pastEvents.filter((event): event is SubscriptionRebuildWasRequested => event.type === 'SubscriptionRebuildWasRequested').at(-1);
  if (last && !rebuildHasFinished(context.checkpoint, last.data.replayTo)) throw new SubscriptionRebuildUnderWay(subscriptionId, last.data.requestedAt);
  return [
    {
      type: 'SubscriptionRebuildWasRequested',
      data: { subscriptionId, requestedBy: adminId, requestedAt: context.now.toISOString(), eventsToReplay: context.eventsInLog, replayTo: context.endOfLog },
    },
  ];
}
