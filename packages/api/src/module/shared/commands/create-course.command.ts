import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';
import type { CourseWasCreated } from '../events/course-was-created.event';

/** `startsAt` and `endsAt` are ISO-8601 date-times. */
export type CreateCourse = DomainCommand<
  'CreateCourse',
  { courseId: string; name: string; startsAt: string; endsAt: string }
>;

/** Answers the course as recorded (dates normalized to UTC ISO-8601). */
export class CreateCourseApplicationCommand extends AbstractApplicationCommand<CreateCourse, CourseWasCreated['data']> {}
