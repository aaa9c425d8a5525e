import { Controller, Get, Inject, NotFoundException, Res, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { desc, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../shared/auth/jwt-user-id.decorator';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { courseParticipants } from '../shared/course-participants.table';
import { COURSE_PARTICIPANTS_SUBSCRIPTION_ID } from '../shared/read-model-subscription-ids';
import { FEED_POSITION_HEADER, FEED_POSITION_RESPONSE_HEADERS, feedPositionReflecting } from '../shared/user-event-feed-position';
import { COURSE_PROGRESS_SUBSCRIPTION_ID } from './course-progress.projection';
import { CourseProgressResponse } from './course-progress.response';
import { courseProgress } from '../shared/course-progress.table';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';

@ApiTags('course progress')
@ApiAccessTokenAuth()
@UseGuards(JwtAuthGuard)
@Controller('course-progress')
export class CourseProgressController {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase) {}

  @Get()
  @ApiOperation({ summary: "The logged-in participant's progress in their latest course" })
  @ApiOkResponse({ type: CourseProgressResponse, headers: FEED_POSITION_RESPONSE_HEADERS })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'COURSE_PROGRESS_NOT_FOUND: no learning materials yet' })
  async getCourseProgress(@JwtUserId() userId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CourseProgressResponse> {
    const [latestCourse] = await this.db
      .select({
        completedTasks: courseProgress.completedTasks,
        feedPosition: feedPositionReflecting(userId, [COURSE_PARTICIPANTS_SUBSCRIPTION_ID, COURSE_PROGRESS_SUBSCRIPTION_ID]),
      })
      .from(courseParticipants)
      .leftJoin(courseProgress, eq(courseProgress.courseUserId, courseParticipants.courseUserId))
      .where(eq(courseParticipants.userId, userId))
      .orderBy(desc(courseParticipants.registeredAt))
      .limit(1);
    if (latestCourse?.completedTasks == null) {
      throw new NotFoundException({ code: 'COURSE_PROGRESS_NOT_FOUND', message: 'There is no progress before learning materials are generated' });
    }
    void reply.header(FEED_POSITION_HEADER, latestCourse.feedPosition);
    return { learningMaterials: { completedTasks: latestCourse.completedTasks } };
  }
}
