import { ProjectionSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { UserSessionsReadModule } from './user-sessions.read-module';

const started = (sessionId: string, userId: string) => ({ type: 'SessionWasStarted', data: { sessionId, userId, userAgent: `agent of ${sessionId}` } });
const ended = (sessionId: string, userId: string) => ({ type: 'SessionWasEnded', data: { sessionId, userId } });

/** Which sessions are open, per user; the end times themselves come from the events' clock. */
const sessions = (spec: ProjectionSpecification) =>
  spec.thenRows<{ session_id: string; user_id: string; user_agent: string; open: boolean }>(
    'SELECT session_id, user_id, user_agent, ended_at IS NULL AS open FROM user_sessions ORDER BY session_id',
  );

describe('user sessions projection', () => {
  let db: ReadModelTestDatabase;
  let spec: ProjectionSpecification;
  beforeAll(async () => {
    db = await createReadModelTestDatabase();
    spec = await ProjectionSpecification.for({ imports: [db.platformModule(), UserSessionsReadModule], sqlClient: db.sqlClient });
  });
  afterAll(async () => {
    await spec.close();
    await db.drop();
  });

  it('given sessions started, one ended, and a password change, then the changed-from session and other users’ sessions stay open; redelivery and rebuild change nothing', async () => {
    await spec.givenEvents('UserSession_s1', [started('s1', 'u1')]);
    await spec.givenEvents('UserSession_s2', [started('s2', 'u1')]);
    await spec.givenEvents('UserSession_s3', [started('s3', 'u1')]);
    await spec.givenEvents('UserSession_s4', [started('s4', 'u2')]);
    await spec.givenEvents('UserSession_s1', [ended('s1', 'u1')]);
    await spec.givenEvents('PasswordChange_u1', [{ type: 'PasswordWasChanged', data: { userId: 'u1', hashedPassword: 'new-hash', keptSessionId: 's3' } }]);
    await spec.givenEvents('UserSession_s5', [started('s5', 'u1')]);

    const expected = [
      { session_id: 's1', user_id: 'u1', user_agent: 'agent of s1', open: false },
      { session_id: 's2', user_id: 'u1', user_agent: 'agent of s2', open: false },
      { session_id: 's3', user_id: 'u1', user_agent: 'agent of s3', open: true },
      { session_id: 's4', user_id: 'u2', user_agent: 'agent of s4', open: true },
      { session_id: 's5', user_id: 'u1', user_agent: 'agent of s5', open: true },
    ];
    expect(await sessions(spec)).toEqual(expected);

    await spec.redeliverLastGiven();
    expect(await sessions(spec)).toEqual(expected);
    await spec.rebuild();
    expect(await sessions(spec)).toEqual(expected);
  });

  it('given a password reset, then every session of that user ends, the ones started afterwards and other users’ stay open', async () => {
    await spec.givenEvents('UserSession_r1', [started('r1', 'reset-user')]);
    await spec.givenEvents('UserSession_r2', [started('r2', 'reset-user')]);
    await spec.givenEvents('UserSession_r3', [started('r3', 'bystander')]);
    await spec.givenEvents('PasswordReset_reset-user', [{ type: 'PasswordWasReset', data: { userId: 'reset-user', hashedPassword: 'reset-hash' } }]);
    await spec.givenEvents('UserSession_r4', [started('r4', 'reset-user')]);

    const open = async () => (await sessions(spec)).filter((row) => row.session_id.startsWith('r')).map((row) => [row.session_id, row.open]);
    expect(await open()).toEqual([
      ['r1', false],
      ['r2', false],
      ['r3', true],
      ['r4', true],
    ]);

    await spec.rebuild();
    expect(await open()).toEqual([
      ['r1', false],
      ['r2', false],
      ['r3', true],
      ['r4', true],
    ]);
  });

  it('given a session ended twice, then it keeps the time it first ended', async () => {
    await spec.givenEvents('UserSession_t1', [started('t1', 'u3'), ended('t1', 'u3')]);
    const [first] = await spec.thenRows<{ ended_at: Date }>(`SELECT ended_at FROM user_sessions WHERE session_id = 't1'`);

    await spec.givenEvents('UserSession_t1', [ended('t1', 'u3')]);

    expect(await spec.thenRows(`SELECT ended_at FROM user_sessions WHERE session_id = 't1'`)).toEqual([first]);
  });

  it('given a user who was erased, then their sessions and user agents are gone (the token check finds no open session); another user\'s stay', async () => {
    await spec.givenEvents('UserSession_e-s1', [started('e-s1', 'e1')]);
    await spec.givenEvents('UserSession_e-s2', [started('e-s2', 'e1'), ended('e-s2', 'e1')]);
    await spec.givenEvents('UserSession_e-s3', [started('e-s3', 'e2')]);
    await spec.givenEvents('UserRegistration_e1', [{ type: 'UserWasErased', data: { userId: 'e1', emailAddress: 'e1@example.com', erasedBy: 'user' } }]);

    const ofErasedAndOther = async () => (await sessions(spec)).filter((session) => ['e1', 'e2'].includes(session.user_id));
    expect(await ofErasedAndOther()).toEqual([{ session_id: 'e-s3', user_id: 'e2', user_agent: 'agent of e-s3', open: true }]);
    await spec.rebuild();
    expect(await ofErasedAndOther()).toEqual([{ session_id: 'e-s3', user_id: 'e2', user_agent: 'agent of e-s3', open: true }]);
  });
});
