import { Controller, Get, Inject, NotFoundException, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { desc, eq } from 'drizzle-orm';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../shared/auth/jwt-user-id.decorator';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { courseParticipants } from '../shared/course-participants.table';
import { ParticipantCourseResponse } from './participant-course.response';
import { courses } from '../shared/courses.table';

@ApiTags('users')
@ApiAccessTokenAuth()
@Controller('users')
@UseGuards(JwtAuthGuard)
export class ParticipantCourseController {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  @Get('me/course')
  @ApiOperation({ summary: 'The course the signed-in user is enrolled in: the latest they were registered for' })
  @ApiOkResponse({ type: ParticipantCourseResponse })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED' })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'COURSE_ENROLMENT_NOT_FOUND: not enrolled yet; the user joins the next course' })
  async mine(@JwtUserId() userId: string): Promise<ParticipantCourseResponse> {
    // A left join: enrolment may name a course whose creation this read model has not seen (CURRENT_COURSE_ID set ahead).
    const [enrolment] = await this.database
      .select({ courseId: courseParticipants.courseId, name: courses.name, startsAt: courses.startsAt, endsAt: courses.endsAt })
      .from(courseParticipants)
      .leftJoin(courses, eq(courses.courseId, courseParticipants.courseId))
      .where(eq(courseParticipants.userId, userId))
      .orderBy(desc(courseParticipants.registeredAt))
      .limit(1);
    if (enrolment === undefined) throw new NotFoundException({ code: 'COURSE_ENROLMENT_NOT_FOUND', message: 'Not enrolled in a course yet' });
    return {
      id: enrolment.courseId,
      name: enrolment.name,
      startsAt: enrolment.startsAt?.toISOString() ?? null,
      endsAt: enrolment.endsAt?.toISOString() ?? null,
    };
  }
}
