import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateCourseApplicationCommand, type CreateCourse } from '../../shared/commands/create-course.command';
import { AuthModule } from '../../../shared/auth/auth.module';
import { RoleLookup } from '../../../shared/auth/role-lookup';
import { SessionLookup } from '../../../shared/auth/session-lookup';
import { ConfigModule } from '../../../shared/config/config.module';
import { loadAppConfig } from '../../../shared/config/load-app-config';
import { CourseWriteModule } from './course.write-module';
import { CourseEndsBeforeItStarts } from './domain/errors';

const createCourse = (data: Partial<CreateCourse['data']> = {}) =>
  new CreateCourseApplicationCommand(
    'command-1',
    new Date(),
    'CreateCourse',
    { courseId: 'course-1', name: 'CodersCamp 2025', startsAt: '2025-09-01T02:00:00+02:00', endsAt: '2026-03-01T00:00:00Z', ...data },
    { correlationId: 'c-1' },
  );

describe('course write module', () => {
  let spec: WriteModuleSpecification;
  beforeEach(async () => {
    // The module's controller is guarded, so its guards' dependencies come along. The guards never
    // run here (commands go straight to the bus), so the lookups they would make need no database.
    spec = await WriteModuleSpecification.for({
      imports: [ConfigModule.forRoot(loadAppConfig({ DATA_DIR: 'memory://' })), AuthModule, CourseWriteModule],
      providers: [
        { provide: SessionLookup, useValue: {} },
        { provide: RoleLookup, useValue: {} },
      ],
    });
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
