import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** An administrator (`adminId`) has a subscription handle one of its parked events again, e.g. once its handler is fixed. */
export type ReplayParkedEvent = DomainCommand<'ReplayParkedEvent', { subscriptionId: string; eventId: string; adminId: string }>;

/** Whether the handler took the event this time, and if not why. */
export type ParkedEventReplayOutcome = Readonly<{ handled: true }> | Readonly<{ handled: false; error: string; attempts: number }>;

export class ReplayParkedEventApplicationCommand extends AbstractApplicationCommand<ReplayParkedEvent, ParkedEventReplayOutcome> {}
