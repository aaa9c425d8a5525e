import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { lastAppendedPosition } from '../../shared/read-model-catch-up';
import { StartUserSessionApplicationCommand } from '../../../shared/commands/start-user-session.command';
import { startUserSession } from '../domain/start-user-session';
import { userSessionStream } from '../domain/events';

/** Answers where the session's start landed in the log, so login can wait for the sessions read model. */
export const StartUserSessionCommandHandler = decidingCommandHandler(StartUserSessionApplicationCommand, {
  stream: (command) => userSessionStream(command.data.sessionId),
  decide: startUserSession,
  answer: lastAppendedPosition,
});
