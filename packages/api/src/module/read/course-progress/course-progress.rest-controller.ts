import { Controller, Get, Inject, NotFoundException, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { desc, eq } from 'drizzle-orm';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../shared/auth/jwt-user-id.decorator';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { courseParticipants } from '../shared/course-participants.table';
import { CourseProgressResponse } from './course-progress.response';
import { courseProgress } from './course-progress.table';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';

@ApiTags('course progress')
@ApiAccessTokenAuth()
@UseGuards(JwtAuthGuard)
@Controller('course-progress')
export class CourseProgressRestController {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase) {}

  @Get()
  @ApiOperation({ summary: "The logged-in participant's progress in their latest course" })
  @ApiOkResponse({ type: CourseProgressResponse })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'COURSE_PROGRESS_NOT_FOUND: no learning materials yet' })
  async getCourseProgress(@JwtUserId() userId: string): Promise<CourseProgressResponse> {
    const [latestCourse] = await this.db
      .select({ completedTasks: courseProgress.completedTasks })
      .from(courseParticipants)
      .leftJoin(courseProgress, eq(courseProgress.courseUserId, courseParticipants.courseUserId))
      .where(eq(courseParticipants.userId, userId))
      .orderBy(desc(courseParticipants.registeredAt))
      .limit(1);
    if (latestCourse?.completedTasks == null) {
      throw new NotFoundException({ code: 'COURSE_PROGRESS_NOT_FOUND', message: 'There is no progress before learning materials are generated' });
    }
    return { learningMaterials: { completedTasks: latestCourse.completedTasks } };
  }
}
