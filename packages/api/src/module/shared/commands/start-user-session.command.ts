import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** Sent once the credentials were checked; `sessionId` is fresh for every login. */
export type StartUserSession = DomainCommand<'StartUserSession', { sessionId: string; userId: string; userAgent: string | null }>;

export class StartUserSessionApplicationCommand extends AbstractApplicationCommand<StartUserSession> {}
