import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApplicationService } from '@coderscamp/event-sourcing';
import { APPLICATION_SERVICE } from '@coderscamp/event-sourcing/nestjs';
import { CreateCourseApplicationCommand } from '../../../shared/commands/create-course.command';
import type { CourseWasCreated } from '../../../shared/events/course-was-created.event';
import { createCourse } from '../domain/create-course';
import { courseStream, type CourseDomainEvent } from '../domain/events';

/** Returns the created course as recorded (dates normalized to UTC ISO-8601). */
@CommandHandler(CreateCourseApplicationCommand)
export class CreateCourseCommandHandler implements ICommandHandler<CreateCourseApplicationCommand, CourseWasCreated['data']> {
  constructor(@Inject(APPLICATION_SERVICE) private readonly applicationService: ApplicationService) {}

  async execute(command: CreateCourseApplicationCommand): Promise<CourseWasCreated['data']> {
    const { events } = await this.applicationService.execute<CourseDomainEvent>(
      courseStream(command.data.courseId),
      { correlationId: command.metadata.correlationId, causationId: command.id },
      (pastEvents) => createCourse(pastEvents, command),
    );
    return events[0]!.data;
  }
}
