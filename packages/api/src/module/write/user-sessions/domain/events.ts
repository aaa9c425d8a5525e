import { StreamName } from '@coderscamp/event-sourcing';
import type { SessionWasEnded } from '../../../shared/events/session-was-ended.event';
import type { SessionWasStarted } from '../../../shared/events/session-was-started.event';

export type UserSessionDomainEvent = SessionWasStarted | SessionWasEnded;

/**
 * One stream per session, not per user: a session's life is all a decision needs, and a login
 * never waits on (or retries against) the user's other sessions being started or ended.
 */
export function userSessionStream(sessionId: string): StreamName {
  return StreamName.of('UserSession', sessionId);
}

/** Who the session belongs to and whether it ended; undefined when it never started. */
export type UserSessionState = Readonly<{ userId: string; ended: boolean }> | undefined;

export function evolve(state: UserSessionState, event: UserSessionDomainEvent): UserSessionState {
  switch (event.type) {
    case 'SessionWasStarted':
      return { userId: event.data.userId, ended: false };
    case 'SessionWasEnded':
      return state === undefined ? state : { ...state, ended: true };
  }
}

export function userSessionState(pastEvents: readonly UserSessionDomainEvent[]): UserSessionState {
  return pastEvents.reduce<UserSessionState>(evolve, undefined);
}
