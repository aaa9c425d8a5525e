import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** An administrator (`adminId`) has a subscription rebuild its read model (or re-run its automation) from the first event. */
export type RequestSubscriptionRebuild = DomainCommand<'RequestSubscriptionRebuild', { subscriptionId: string; adminId: string }>;

/** What the rebuild replays: the log as it was when it was requested. */
export type SubscriptionRebuildRequest = Readonly<{ requestedAt: string; eventsToReplay: number }>;

export class RequestSubscriptionRebuildApplicationCommand extends AbstractApplicationCommand<RequestSubscriptionRebuild, SubscriptionRebuildRequest> {}
