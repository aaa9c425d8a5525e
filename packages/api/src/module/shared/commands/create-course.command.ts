import { AbstractApplicationCommand, type DomainCommand } from '@coderscamp/event-sourcing';

/** `startsAt` and `endsAt` are ISO-8601 date-times. */
export type CreateCourse = DomainCommand<
  'CreateCourse',
  { courseId: string; name: string; startsAt: string; endsAt: string }
>;

export class CreateCourseApplicationCommand extends AbstractApplicationCommand<CreateCourse> {}
