import { StreamName } from '@coderscamp/event-sourcing';
import type { CourseUserWasRegistered } from '../../../shared/events/course-user-was-registered.event';

export type RegisterCourseUserDomainEvent = CourseUserWasRegistered;

/**
 * Keyed by course and user, not by course user id: "at most once per course" then lives in one
 * stream, where the store's compare-and-set lets only one of two simultaneous registrations in.
 */
export function courseUserStream(courseId: string, userId: string): StreamName {
  return StreamName.of('CourseUser', `${courseId}_${userId}`);
}
