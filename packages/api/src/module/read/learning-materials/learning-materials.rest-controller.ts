import { Controller, Get, Inject, NotFoundException, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { desc, eq } from 'drizzle-orm';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../shared/auth/jwt-user-id.decorator';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { courseParticipants } from '../shared/course-participants.table';
import { learningMaterials } from '../shared/learning-materials.table';
import { LearningMaterialsResponse } from './learning-materials.response';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';

@ApiTags('learning materials')
@ApiAccessTokenAuth()
@UseGuards(JwtAuthGuard)
@Controller('learning-materials')
export class LearningMaterialsRestController {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase) {}

  @Get()
  @ApiOperation({ summary: "The logged-in participant's learning materials (of their latest course)" })
  @ApiOkResponse({ type: LearningMaterialsResponse })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'LEARNING_MATERIALS_NOT_FOUND: not generated yet' })
  async getLearningMaterials(@JwtUserId() userId: string): Promise<LearningMaterialsResponse> {
    const [latestCourse] = await this.db
      .select({ id: learningMaterials.id, url: learningMaterials.url })
      .from(courseParticipants)
      .leftJoin(learningMaterials, eq(learningMaterials.courseUserId, courseParticipants.courseUserId))
      .where(eq(courseParticipants.userId, userId))
      .orderBy(desc(courseParticipants.registeredAt))
      .limit(1);
    if (latestCourse?.id == null || latestCourse.url == null) {
      throw new NotFoundException({ code: 'LEARNING_MATERIALS_NOT_FOUND', message: 'Learning materials were not generated yet' });
    }
    return { id: latestCourse.id, url: latestCourse.url };
  }
}
