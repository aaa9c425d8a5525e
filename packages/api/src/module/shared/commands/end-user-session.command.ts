import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** `userId` is who asks: only the owner of a session may end it. */
export type EndUserSession = DomainCommand<'EndUserSession', { sessionId: string; userId: string }>;

export class EndUserSessionApplicationCommand extends AbstractApplicationCommand<EndUserSession> {}
