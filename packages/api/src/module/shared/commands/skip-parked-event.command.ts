import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** An administrator (`adminId`) gives up on a parked event: the subscription never handles it. */
export type SkipParkedEvent = DomainCommand<'SkipParkedEvent', { subscriptionId: string; eventId: string; adminId: string }>;

export class SkipParkedEventApplicationCommand extends AbstractApplicationCommand<SkipParkedEvent> {}
