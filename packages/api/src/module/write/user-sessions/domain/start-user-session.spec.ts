import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { StartUserSession } from '../../../shared/commands/start-user-session.command';
import { startUserSession } from './start-user-session';

const given = DeciderSpecification.for(startUserSession);

const start: StartUserSession = { type: 'StartUserSession', data: { sessionId: 'session-1', userId: 'user-1', userAgent: 'curl/8.5' } };
const started = { type: 'SessionWasStarted', data: { sessionId: 'session-1', userId: 'user-1', userAgent: 'curl/8.5' } } as const;

describe('start user session', () => {
  it('given no session, when starting it, then the session was started with the client it was started from', () => {
    given([]).when(start).then([started]);
  });

  it('given a client that names no user agent, when starting a session, then it was started without one', () => {
    given([])
      .when({ ...start, data: { ...start.data, userAgent: null } })
      .then([{ type: 'SessionWasStarted', data: { sessionId: 'session-1', userId: 'user-1', userAgent: null } }]);
  });

  it('given the session was started, when starting it again (a retried command), then nothing happens', () => {
    given([started]).when(start).thenNothingHappened();
  });
});
