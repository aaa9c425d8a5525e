import type { DomainEvent } from '@coderscamp/event-sourcing';

/** The user logged out, or ended the session from another one: its token is refused from now on. */
export type SessionWasEnded = DomainEvent<'SessionWasEnded', { sessionId: string; userId: string }>;
