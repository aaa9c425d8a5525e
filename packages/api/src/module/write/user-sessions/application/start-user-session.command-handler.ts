import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService, LogPosition } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { lastAppendedPosition } from '../../shared/read-model-catch-up';
import { StartUserSessionApplicationCommand } from '../../../shared/commands/start-user-session.command';
import { userSessionStream, type UserSessionDomainEvent } from '../domain/events';
import { startUserSession } from '../domain/start-user-session';

/** Answers where the session's start landed in the log, so login can wait for the sessions read model. */
@CommandHandler(StartUserSessionApplicationCommand)
export class StartUserSessionCommandHandler implements ICommandHandler<StartUserSessionApplicationCommand, LogPosition | null> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: StartUserSessionApplicationCommand): Promise<LogPosition | null> {
    const result = await this.applicationService.execute<UserSessionDomainEvent>(
      userSessionStream(command.data.sessionId),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => startUserSession(pastEvents, command),
    );
    return lastAppendedPosition(result);
  }
}
