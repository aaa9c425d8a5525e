import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { desc } from 'drizzle-orm';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../shared/auth/roles.guard';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { CourseResponse } from './course.response';
import { courses } from '../shared/courses.table';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { AppConfig } from '../../../shared/config/app-config';
import { currentCourseId } from './current-course';

@ApiTags('courses')
@ApiAccessTokenAuth()
@Controller('courses')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class CoursesController {
  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All course editions, latest start first, the current one marked (admins)' })
  @ApiOkResponse({ type: [CourseResponse] })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED' })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'FORBIDDEN: not an admin' })
  async list(): Promise<CourseResponse[]> {
    const rows = await this.database.select().from(courses).orderBy(desc(courses.startsAt), courses.courseId);
    const current = currentCourseId(rows, this.config.currentCourseId, new Date());
    return rows.map((row) => ({
      id: row.courseId,
      name: row.name,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      current: row.courseId === current,
    }));
  }
}
