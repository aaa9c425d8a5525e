import type { ParkedEventReplayOutcome } from '../../../shared/commands/replay-parked-event.command';

export const PARKED_EVENTS_PORT = Symbol('PARKED_EVENTS_PORT');

/**
 * The durable subscriptions' parked events. Both throw `SubscriptionNotFound` for a subscription
 * the application does not define and `ParkedEventNotFound` for an event it has not parked.
 */
export interface ParkedEventsPort {
  /** Hands the event to the subscription's handler again; off the list only if it is handled. */
  replay(subscriptionId: string, eventId: string): Promise<ParkedEventReplayOutcome>;

  /** Takes the event off the list unhandled. */
  skip(subscriptionId: string, eventId: string): Promise<void>;
}
