import type { CreateCourse } from '../../../shared/commands/create-course.command';
import { CourseAlreadyCreated, CourseDateInvalid, CourseEndsBeforeItStarts } from './errors';
import type { CourseDomainEvent } from './events';

export function createCourse(pastEvents: CourseDomainEvent[], command: CreateCourse): CourseDomainEvent[] {
  const created = pastEvents.some((event) => event.type === 'CourseWasCreated');
  if (created) throw new CourseAlreadyCreated(command.data.courseId);

  const { courseId, name } = command.data;
  const startsAt = toInstant(command.data.startsAt);
  const endsAt = toInstant(command.data.endsAt);
  if (endsAt <= startsAt) throw new CourseEndsBeforeItStarts(command.data.startsAt, command.data.endsAt);

  return [
    {
      type: 'CourseWasCreated',
      data: { courseId, name, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
    },
  ];
}

function toInstant(value: string): Date {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new CourseDateInvalid(value);
  return instant;
}
