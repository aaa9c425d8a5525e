import { Controller, Get, Inject, NotFoundException, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { and, count, desc, eq, getTableColumns, ilike, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../shared/auth/jwt-user-id.decorator';
import { Roles } from '../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../shared/auth/roles.guard';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { UserProfilePageRequest } from './user-profile-page.request';
import { SignedInUserResponse, UserProfilePageResponse, UserProfileResponse } from './user-profile.response';
import { FEED_POSITION_HEADER, FEED_POSITION_RESPONSE_HEADERS, feedPositionReflecting } from '../shared/user-event-feed-position';
import { USER_PROFILE_SUBSCRIPTION_ID } from './user-profile.projection';
import { userProfiles } from './user-profile.table';
import { authUsers } from '../shared/auth-users.table';
import { courseParticipants } from '../shared/course-participants.table';
import { courseProgress } from '../shared/course-progress.table';
import { courses } from '../shared/courses.table';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';

type UserProfileRow = typeof userProfiles.$inferSelect;

/** A row a profile change created before the registration's completion reached this read model is no profile yet. */
const REGISTERED = isNotNull(userProfiles.registeredAt);

@ApiTags('users')
@ApiAccessTokenAuth()
@ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED' })
@Controller('users')
@UseGuards(JwtAuthGuard, RolesGuard)
export class UserProfileController {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  @Get('me')
  @ApiOperation({ summary: 'The profile and role of the signed-in user' })
  @ApiOkResponse({ type: SignedInUserResponse, headers: FEED_POSITION_RESPONSE_HEADERS })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'USER_PROFILE_NOT_FOUND' })
  async me(@JwtUserId() userId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<SignedInUserResponse> {
    // The role is the account's now, as the roles guard sees it, not the token's claim from login.
    const [profile] = await this.database
      .select({ ...getTableColumns(userProfiles), role: authUsers.role, feedPosition: feedPositionReflecting(userId, [USER_PROFILE_SUBSCRIPTION_ID]) })
      .from(userProfiles)
      .leftJoin(authUsers, eq(authUsers.userId, userProfiles.userId))
      .where(and(eq(userProfiles.userId, userId), REGISTERED))
      .limit(1);
    if (profile === undefined) throw new NotFoundException({ code: 'USER_PROFILE_NOT_FOUND', message: 'No profile for this user' });
    void reply.header(FEED_POSITION_HEADER, profile.feedPosition);
    // No accounts row yet (that read model lags the profile's): no admin grant can be there either.
    return { ...toResponse(profile), role: profile.role ?? 'user' };
  }

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Profiles, roles, courses and progress of all users, or of those whose name or email contains `q`, oldest registration first (admins)',
  })
  @ApiOkResponse({ type: UserProfilePageResponse })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED: page or limit not a positive integer, or q over 100 characters' })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'FORBIDDEN: not an admin' })
  async list(@Query() query: UserProfilePageRequest): Promise<UserProfilePageResponse> {
    const { page, limit } = query;
    const listed = and(REGISTERED, matching(query.q));
    // The course a user is enrolled in is the latest they were registered for, as on their own dashboard.
    const enrolment = this.database
      .select({ courseUserId: courseParticipants.courseUserId, courseId: courseParticipants.courseId })
      .from(courseParticipants)
      .where(eq(courseParticipants.userId, userProfiles.userId))
      .orderBy(desc(courseParticipants.registeredAt))
      .limit(1)
      .as('enrolment');
    const [rows, [totals]] = await Promise.all([
      this.database
        .select({
          ...getTableColumns(userProfiles),
          role: authUsers.role,
          courseId: enrolment.courseId,
          courseName: courses.name,
          completedTasks: courseProgress.completedTasks,
        })
        .from(userProfiles)
        .leftJoin(authUsers, eq(authUsers.userId, userProfiles.userId))
        .leftJoinLateral(enrolment, sql`true`)
        // Each read model follows the log on its own: a course not created yet has no name, materials not generated yet no progress.
        .leftJoin(courses, eq(courses.courseId, enrolment.courseId))
        .leftJoin(courseProgress, eq(courseProgress.courseUserId, enrolment.courseUserId))
        .where(listed)
        .orderBy(userProfiles.registeredAt, userProfiles.userId)
        .limit(limit)
        .offset((page - 1) * limit),
      this.database.select({ total: count() }).from(userProfiles).where(listed),
    ]);
    // No accounts row yet: the accounts read model has not reached the registration, so no grant either; the roles guard sees no admin.
    return {
      items: rows.map((row) => ({
        ...toResponse(row),
        role: row.role ?? 'user',
        course: row.courseId === null ? null : { id: row.courseId, name: row.courseName },
        completedTasks: row.completedTasks ?? 0,
      })),
      page,
      limit,
      total: totals?.total ?? 0,
    };
  }
}

/** Profiles whose name or address contains the text, in any case; the text's own % and _ match only themselves. */
function matching(text: string | undefined): SQL | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return undefined;
  const pattern = `%${trimmed.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  return or(ilike(userProfiles.fullName, pattern), ilike(userProfiles.emailAddress, pattern));
}

function toResponse(profile: UserProfileRow): UserProfileResponse {
  // Set together with registered_at, which the queries require.
  return { id: profile.userId, fullName: profile.fullName ?? '', email: profile.emailAddress ?? '', image: profile.image };
}
