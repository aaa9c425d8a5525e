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
import { LEARNING_MATERIALS_SUBSCRIPTION_ID } from './learning-materials.projection';
import { learningMaterials } from '../shared/learning-materials.table';
import { LearningMaterialsResponse } from './learning-materials.response';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';

@ApiTags('learning materials')
@ApiAccessTokenAuth()
@UseGuards(JwtAuthGuard)
@Controller('learning-materials')
export class LearningMaterialsController {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase) {}

  @Get()
  @ApiOperation({ summary: "The logged-in participant's learning materials (of their latest course)" })
  @ApiOkResponse({ type: LearningMaterialsResponse, headers: FEED_POSITION_RESPONSE_HEADERS })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'LEARNING_MATERIALS_NOT_FOUND: not generated yet' })
  async getLearningMaterials(@JwtUserId() userId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<LearningMaterialsResponse> {
    const [latestCourse] = await this.db
      .select({
        id: learningMaterials.id,
        url: learningMaterials.url,
        feedPosition: feedPositionReflecting(userId, [COURSE_PARTICIPANTS_SUBSCRIPTION_ID, LEARNING_MATERIALS_SUBSCRIPTION_ID]),
      })
      .from(courseParticipants)
      .leftJoin(learningMaterials, eq(learningMaterials.courseUserId, courseParticipants.courseUserId))
      .where(eq(courseParticipants.userId, userId))
      .orderBy(desc(courseParticipants.registeredAt))
      .limit(1);
    if (latestCourse?.id == null || latestCourse.url == null) {
      throw new NotFoundException({ code: 'LEARNING_MATERIALS_NOT_FOUND', message: 'Learning materials were not generated yet' });
    }
    void reply.header(FEED_POSITION_HEADER, latestCourse.feedPosition);
    return { id: latestCourse.id, url: latestCourse.url };
  }
}
