import type { StartUserSession } from '../../../shared/commands/start-user-session.command';
import { userSessionState, type UserSessionDomainEvent } from './events';

/** A session id is fresh per login, so a started session means this very command ran before: nothing to add. */
export function startUserSession(pastEvents: readonly UserSessionDomainEvent[], command: StartUserSession): UserSessionDomainEvent[] {
  if (userSessionState(pastEvents) !== undefined) return [];
  const { sessionId, userId, userAgent } = command.data;
  return [{ type: 'SessionWasStarted', data: { sessionId, userId, userAgent } }];
}
