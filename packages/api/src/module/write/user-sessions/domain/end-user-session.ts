import type { EndUserSession } from '../../../shared/commands/end-user-session.command';
import { SessionNotFound } from './errors';
import { userSessionState, type UserSessionDomainEvent } from './events';

/** Ending an ended session changes nothing, so a repeated logout is harmless. */
export function endUserSession(pastEvents: readonly UserSessionDomainEvent[], command: EndUserSession): UserSessionDomainEvent[] {
  const { sessionId, userId } = command.data;
  const session = userSessionState(pastEvents);
  if (session === undefined || session.userId !== userId) throw new SessionNotFound(sessionId);
  if (session.ended) return [];
  return [{ type: 'SessionWasEnded', data: { sessionId, userId } }];
}
