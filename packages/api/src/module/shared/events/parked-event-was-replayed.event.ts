import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * An administrator (`replayedBy`) had a subscription handle a parked event again: `handled` it is
 * off the parked list, `still-failing` it stays parked with `error`.
 */
export type ParkedEventWasReplayed = DomainEvent<
  'ParkedEventWasReplayed',
  { subscriptionId: string; eventId: string; replayedBy: string; outcome: 'handled' | 'still-failing'; error: string | null }
>;
