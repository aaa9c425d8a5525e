import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { EndUserSession } from '../../../shared/commands/end-user-session.command';
import { endUserSession } from './end-user-session';
import { SessionNotFound } from './errors';

const given = DeciderSpecification.for(endUserSession);

const end: EndUserSession = { type: 'EndUserSession', data: { sessionId: 'session-1', userId: 'user-1' } };
const started = { type: 'SessionWasStarted', data: { sessionId: 'session-1', userId: 'user-1', userAgent: null } } as const;
const ended = { type: 'SessionWasEnded', data: { sessionId: 'session-1', userId: 'user-1' } } as const;

describe('end user session', () => {
  it('given an open session, when its owner ends it, then the session was ended', () => {
    given([started]).when(end).then([ended]);
  });

  it('given an ended session, when ending it again, then nothing happens', () => {
    given([started, ended]).when(end).thenNothingHappened();
  });

  it('given no such session, when ending it, then it is not found', () => {
    given([]).when(end).thenThrows(SessionNotFound);
  });

  it('given another user’s session, when ending it, then it is not found', () => {
    given([started])
      .when({ ...end, data: { ...end.data, userId: 'user-2' } })
      .thenThrows(SessionNotFound);
  });
});
