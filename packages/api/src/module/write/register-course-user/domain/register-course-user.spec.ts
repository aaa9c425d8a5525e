import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { RegisterCourseUser } from '../../../shared/commands/register-course-user.command';
import type { CourseUserWasRegistered } from '../../../shared/events/course-user-was-registered.event';
import { CourseUserAlreadyRegistered } from './errors';
import { courseUserStream } from './events';
import { registerCourseUser } from './register-course-user';

const given = DeciderSpecification.for(registerCourseUser);

const register = (courseUserId: string): RegisterCourseUser => ({
  type: 'RegisterCourseUser',
  data: { userId: 'user-1', courseUserId, courseId: 'course-2025' },
});
const registered = (courseUserId: string): CourseUserWasRegistered => ({
  type: 'CourseUserWasRegistered',
  data: { userId: 'user-1', courseUserId, courseId: 'course-2025' },
});

describe('register course user', () => {
  it('given the user is not registered for the course, when registering, then the course user was registered', () => {
    given([]).when(register('course-user-1')).then([registered('course-user-1')]);
  });

  it('given the user is registered for the course, when registering as another course user, then it is refused', () => {
    given([registered('course-user-1')])
      .when(register('course-user-2'))
      .thenThrows(CourseUserAlreadyRegistered, (error) => expect(error.code).toBe('COURSE_USER_ALREADY_REGISTERED'));
  });

  it('given the user is registered for the course, when the same registration is retried, then nothing happens', () => {
    given([registered('course-user-1')]).when(register('course-user-1')).thenNothingHappened();
  });

  it('given one user in two courses, when naming their streams, then each course has its own stream', () => {
    expect(courseUserStream('course-2025', 'user-1').toString()).toBe('CourseUser_course-2025_user-1');
    expect(courseUserStream('course-2025', 'user-1').equals(courseUserStream('course-2026', 'user-1'))).toBe(false);
  });
});
