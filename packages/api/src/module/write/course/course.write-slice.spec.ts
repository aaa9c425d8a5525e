import { testCommand } from '@coderscamp/event-sourcing/testing';
import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateCourseApplicationCommand, type CreateCourse } from '../../shared/commands/create-course.command';
import { CreateCourseCommandHandler } from './application/create-course.command-handler';
import { CourseEndsBeforeItStarts } from './domain/errors';

const createCourse = (data: Partial<CreateCourse['data']> = {}) =>
  testCommand({
    class: CreateCourseApplicationCommand,
    type: 'CreateCourse',
    data: { courseId: 'course-1', name: 'CodersCamp 2025', startsAt: '2025-09-01T02:00:00+02:00', endsAt: '2026-03-01T00:00:00Z', ...data },
  });

describe('course write slice', () => {
  let spec: WriteModuleSpecification;
  beforeEach(async () => {
    spec = await WriteModuleSpecification.for({ imports: [], providers: [CreateCourseCommandHandler] });
  });
  afterEach(() => spec.close());

  it('given nothing, when creating a course, then it was created with UTC dates', async () => {
    await spec.whenCommandExecuted(createCourse());

    await spec.thenEventsPublished('Course_course-1', [
      {
        type: 'CourseWasCreated',
        data: { courseId: 'course-1', name: 'CodersCamp 2025', startsAt: '2025-09-01T00:00:00.000Z', endsAt: '2026-03-01T00:00:00.000Z' },
      },
    ]);
  });

  it('given nothing, when the course would end before it starts, then refused with a 400-kind rule violation', async () => {
    await spec.whenCommandExecuted(createCourse({ endsAt: '2025-01-01T00:00:00Z' }));

    await spec.thenCommandFailed(CourseEndsBeforeItStarts, (error) => expect(error.kind).toBe('invalid'));
  });
});
