import type { RegisterCourseUser } from '../../../shared/commands/register-course-user.command';
import { CourseUserAlreadyRegistered } from './errors';
import type { RegisterCourseUserDomainEvent } from './events';

export function registerCourseUser(
  pastEvents: RegisterCourseUserDomainEvent[],
  command: RegisterCourseUser,
): RegisterCourseUserDomainEvent[] {
  const registeredAs = pastEvents.reduce<string | undefined>(
    (courseUserId, event) => (event.type === 'CourseUserWasRegistered' ? event.data.courseUserId : courseUserId),
    undefined,
  );

  const { userId, courseUserId, courseId } = command.data;
  // The same registration retried (same course user id) already happened; any other is a second one.
  if (registeredAs === courseUserId) return [];
  if (registeredAs !== undefined) throw new CourseUserAlreadyRegistered(courseId, userId);

  return [{ type: 'CourseUserWasRegistered', data: { userId, courseUserId, courseId } }];
}
