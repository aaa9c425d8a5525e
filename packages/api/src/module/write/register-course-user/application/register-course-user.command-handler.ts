import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { RegisterCourseUserApplicationCommand } from '../../../shared/commands/register-course-user.command';
import { registerCourseUser } from '../domain/register-course-user';
import { courseUserStream } from '../domain/events';

export const RegisterCourseUserCommandHandler = decidingCommandHandler(RegisterCourseUserApplicationCommand, {
  stream: (command) => courseUserStream(command.data.courseId, command.data.userId),
  decide: registerCourseUser,
});
