import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { desc } from 'drizzle-orm';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../shared/auth/roles.guard';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { CourseResponse } from './course.response';
import { courses } from './courses.table';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';

@ApiTags('courses')
@ApiAccessTokenAuth()
@Controller('courses')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class CoursesController {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  @Get()
  @ApiOperation({ summary: 'All course editions, latest start first (admins)' })
  @ApiOkResponse({ type: [CourseResponse] })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED' })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'FORBIDDEN: not an admin' })
  async list(): Promise<CourseResponse[]> {
    const rows = await this.database.select().from(courses).orderBy(desc(courses.startsAt), courses.courseId);
    return rows.map((row) => ({ id: row.courseId, name: row.name, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() }));
  }
}
