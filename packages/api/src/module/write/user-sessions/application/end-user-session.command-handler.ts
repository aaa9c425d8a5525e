import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService, LogPosition } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { lastAppendedPosition } from '../../shared/read-model-catch-up';
import { EndUserSessionApplicationCommand } from '../../../shared/commands/end-user-session.command';
import { endUserSession } from '../domain/end-user-session';
import { userSessionStream, type UserSessionDomainEvent } from '../domain/events';

/** Answers where the session's end landed in the log, so the caller can wait for the sessions read model. */
@CommandHandler(EndUserSessionApplicationCommand)
export class EndUserSessionCommandHandler implements ICommandHandler<EndUserSessionApplicationCommand, LogPosition | null> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: EndUserSessionApplicationCommand): Promise<LogPosition | null> {
    const result = await this.applicationService.execute<UserSessionDomainEvent>(
      userSessionStream(command.data.sessionId),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => endUserSession(pastEvents, command),
    );
    return lastAppendedPosition(result);
  }
}
