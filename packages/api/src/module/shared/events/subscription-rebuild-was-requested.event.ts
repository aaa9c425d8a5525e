import type { DomainEvent } from '@coderscamp/event-sourcing';
import type { RecordedLogPosition } from '../subscription-rebuild';

/**
 * An administrator (`requestedBy`) had a subscription forget its checkpoint and replay the log from
 * the first event: `eventsToReplay` events were in the log, which ended at `replayTo`.
 */
export type SubscriptionRebuildWasRequested = DomainEvent<
  'SubscriptionRebuildWasRequested',
  { subscriptionId: string; requestedBy: string; requestedAt: string; eventsToReplay: number; replayTo: RecordedLogPosition }
>;
