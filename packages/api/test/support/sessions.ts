import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import type { LogPosition } from '@coderscamp/event-sourcing';
import type { RunningApp } from '../../src/create-app';
import { StartUserSessionApplicationCommand } from '../../src/module/shared/commands/start-user-session.command';
import { USER_SESSIONS_SUBSCRIPTION_ID } from '../../src/module/read/shared/user-sessions.table';
import { ReadModelCatchUp } from '../../src/module/write/shared/read-model-catch-up';
import { AccessTokenIssuer } from '../../src/shared/auth/access-token.issuer';
import type { UserRole } from '../../src/shared/auth/user-role';

/**
 * A real access token of an open session, for any user id, without a login: starts the session
 * with the command login sends, waits until the token check sees it, and signs with the app's issuer.
 */
export async function accessTokenWithSession(running: RunningApp, userId: string, role: UserRole = 'user'): Promise<string> {
  const sessionId = randomUUID();
  const command = new StartUserSessionApplicationCommand(
    randomUUID(),
    new Date(),
    'StartUserSession',
    { sessionId, userId, userAgent: 'test-support' },
    { correlationId: randomUUID() },
  );
  const position = await running.app.get(CommandBus).execute<StartUserSessionApplicationCommand, LogPosition | null>(command);
  await running.app.get(ReadModelCatchUp).waitFor([USER_SESSIONS_SUBSCRIPTION_ID], position);
  return (await running.app.get(AccessTokenIssuer).issue(userId, role, sessionId)).accessToken;
}
