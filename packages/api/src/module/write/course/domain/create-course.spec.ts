import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { CreateCourse } from '../../../shared/commands/create-course.command';
import type { CourseWasCreated } from '../../../shared/events/course-was-created.event';
import { createCourse } from './create-course';
import { CourseAlreadyCreated, CourseDateInvalid, CourseEndsBeforeItStarts } from './errors';

const given = DeciderSpecification.for(createCourse);

const create = (startsAt: string, endsAt: string): CreateCourse => ({
  type: 'CreateCourse',
  data: { courseId: 'course-2025', name: 'CodersCamp 2025', startsAt, endsAt },
});
const created: CourseWasCreated = {
  type: 'CourseWasCreated',
  data: {
    courseId: 'course-2025',
    name: 'CodersCamp 2025',
    startsAt: '2025-03-01T00:00:00.000Z',
    endsAt: '2025-09-30T00:00:00.000Z',
  },
};

describe('create course', () => {
  it('given no course, when creating it with an end after its start, then it was created with UTC ISO dates', () => {
    given([])
      .when(create('2025-03-01T01:00:00+01:00', '2025-09-30T00:00:00Z'))
      .then([created]);
  });

  it('given no course, when creating it ending before it starts, then it is refused as invalid', () => {
    given([])
      .when(create('2025-09-30T00:00:00Z', '2025-03-01T00:00:00Z'))
      .thenThrows(CourseEndsBeforeItStarts, (error) => {
        expect(error.code).toBe('COURSE_ENDS_BEFORE_IT_STARTS');
        expect(error.kind).toBe('invalid');
      });
  });

  it('given no course, when creating it ending at the moment it starts, then it is refused', () => {
    given([]).when(create('2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z')).thenThrows(CourseEndsBeforeItStarts);
  });

  it('given no course, when creating it with a date that is not a date, then it is refused as invalid', () => {
    given([]).when(create('next spring', '2025-09-30T00:00:00Z')).thenThrows(CourseDateInvalid);
  });

  it('given the course was created, when creating it again, then it is refused', () => {
    given([created])
      .when(create('2025-03-01T00:00:00Z', '2025-09-30T00:00:00Z'))
      .thenThrows(CourseAlreadyCreated, (error) => expect(error.kind).toBe('conflict'));
  });
});
