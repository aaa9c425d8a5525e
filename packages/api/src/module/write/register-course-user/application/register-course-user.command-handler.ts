import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { RegisterCourseUserApplicationCommand } from '../../../shared/commands/register-course-user.command';
import { courseUserStream, type RegisterCourseUserDomainEvent } from '../domain/events';
import { registerCourseUser } from '../domain/register-course-user';

@CommandHandler(RegisterCourseUserApplicationCommand)
export class RegisterCourseUserCommandHandler implements ICommandHandler<RegisterCourseUserApplicationCommand> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: RegisterCourseUserApplicationCommand): Promise<void> {
    await this.applicationService.execute<RegisterCourseUserDomainEvent>(
      courseUserStream(command.data.courseId, command.data.userId),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => registerCourseUser(pastEvents, command),
    );
  }
}
