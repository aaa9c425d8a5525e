import { AbstractApplicationCommand, type DomainCommand, type LogPosition } from '@coderscamp/event-sourcing';

/** Sent once the credentials were checked; `sessionId` is fresh for every login. */
export type StartUserSession = DomainCommand<'StartUserSession', { sessionId: string; userId: string; userAgent: string | null }>;

/** Answers where its events landed in the log (null: nothing appended), to wait for read models. */
export class StartUserSessionApplicationCommand extends AbstractApplicationCommand<StartUserSession, LogPosition | null> {}
