import { StreamName } from '@coderscamp/event-sourcing';
import type { CourseWasCreated } from '../../../shared/events/course-was-created.event';

export type CourseDomainEvent = CourseWasCreated;

export function courseStream(courseId: string): StreamName {
  return StreamName.of('Course', courseId);
}
