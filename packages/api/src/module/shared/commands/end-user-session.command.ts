import { AbstractApplicationCommand, type DomainCommand, type LogPosition } from '@coderscamp/event-sourcing';

/** `userId` is who asks: only the owner of a session may end it. */
export type EndUserSession = DomainCommand<'EndUserSession', { sessionId: string; userId: string }>;

/** Answers where its events landed in the log (null: nothing appended), to wait for read models. */
export class EndUserSessionApplicationCommand extends AbstractApplicationCommand<EndUserSession, LogPosition | null> {}
