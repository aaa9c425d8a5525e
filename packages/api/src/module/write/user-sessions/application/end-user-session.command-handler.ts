import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { lastAppendedPosition } from '../../shared/read-model-catch-up';
import { EndUserSessionApplicationCommand } from '../../../shared/commands/end-user-session.command';
import { endUserSession } from '../domain/end-user-session';
import { userSessionStream } from '../domain/events';

/** Answers where the session's end landed in the log, so the caller can wait for the sessions read model. */
export const EndUserSessionCommandHandler = decidingCommandHandler(EndUserSessionApplicationCommand, {
  stream: (command) => userSessionStream(command.data.sessionId),
  decide: endUserSession,
  answer: lastAppendedPosition,
});
