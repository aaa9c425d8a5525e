import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * A user logged in: the access token issued with it names `sessionId`, and is honoured until the
 * session ends. `userAgent` is what the client said it was, shown in the user's list of sessions.
 */
export type SessionWasStarted = DomainEvent<'SessionWasStarted', { sessionId: string; userId: string; userAgent: string | null }>;
