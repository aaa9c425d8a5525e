import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { NO_STREAM, StreamName, type EventToAppend } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { pgSqlClient, PostgresEventStore } from '@coderscamp/event-sourcing/postgres';
import { testCommand } from '@coderscamp/event-sourcing/testing';
import type { TestDatabase } from '@coderscamp/event-sourcing/testing/postgres';
import type { RunningApp } from '../../src/create-app';
import { StartUserSessionApplicationCommand } from '../../src/module/shared/commands/start-user-session.command';
import type { SessionWasStarted } from '../../src/module/shared/events/session-was-started.event';
import { USER_SESSIONS_SUBSCRIPTION_ID } from '../../src/module/read/shared/read-model-subscription-ids';
import { ReadModelCatchUp } from '../../src/module/write/shared/read-model-catch-up';
import { AccessTokenIssuer } from '../../src/shared/auth/access-token.issuer';
import type { UserRole } from '../../src/shared/auth/user-role';
import { eventually } from './users';

/**
 * A real access token of an open session, for any user id, without a login: starts the session
 * with the command login sends, waits until the token check sees it, and signs with the app's issuer.
 */
export async function accessTokenWithSession(running: RunningApp, userId: string, role: UserRole = 'user'): Promise<string> {
  const sessionId = randomUUID();
  const command = testCommand({
    class: StartUserSessionApplicationCommand,
    type: 'StartUserSession',
    data: { sessionId, userId, userAgent: 'test-support' },
    id: randomUUID(),
  });
  const position = await running.app.get(ApplicationCommandBus).execute(command);
  await running.app.get(ReadModelCatchUp).waitFor([USER_SESSIONS_SUBSCRIPTION_ID], position);
  return (await running.app.get(AccessTokenIssuer).issue(userId, role, sessionId)).accessToken;
}

/**
 * The same for an app running in another process on `database`: starts the session with the event
 * login appends, waits until that app's sessions projection shows it, and signs with `secret`.
 */
export async function accessTokenOfSessionIn(database: TestDatabase, secret: string, userId: string): Promise<string> {
  const sessionId = randomUUID();
  const eventStore = new PostgresEventStore(pgSqlClient(database.pool));
  try {
    const started: EventToAppend<SessionWasStarted> = {
      type: 'SessionWasStarted',
      data: { sessionId, userId, userAgent: 'test-support' },
      id: randomUUID(),
      metadata: { correlationId: randomUUID(), causationId: randomUUID() },
      occurredAt: new Date(),
    };
    await eventStore.appendToStream(StreamName.of('UserSession', sessionId), [started], { expectedVersion: NO_STREAM });
  } finally {
    await eventStore.close();
  }
  await eventually(async () => {
    const { rows } = await database.pool.query('SELECT 1 FROM user_sessions WHERE session_id = $1', [sessionId]);
    return rows.length > 0 ? true : undefined;
  }, `session ${sessionId} to be projected`);
  return new JwtService({ secret }).sign({ sub: userId, role: 'user', sid: sessionId }, { algorithm: 'HS256', expiresIn: 3600 });
}
