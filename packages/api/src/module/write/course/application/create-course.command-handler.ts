import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { CreateCourseApplicationCommand } from '../../../shared/commands/create-course.command';
import { createCourse } from '../domain/create-course';
import { courseStream } from '../domain/events';

export const CreateCourseCommandHandler = decidingCommandHandler(CreateCourseApplicationCommand, {
  stream: (command) => courseStream(command.data.courseId),
  decide: createCourse,
  answer: ({ events: [created] }) => created!.data,
});
