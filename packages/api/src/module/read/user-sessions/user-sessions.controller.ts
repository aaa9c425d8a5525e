import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { JwtSessionId } from '../../../shared/auth/jwt-session-id.decorator';
import { JwtUserId } from '../../../shared/auth/jwt-user-id.decorator';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { userSessions } from '../shared/user-sessions.table';
import { UserSessionsResponse } from './user-sessions.response';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';

@ApiTags('auth')
@ApiAccessTokenAuth()
@Controller('auth')
@UseGuards(JwtAuthGuard)
export class UserSessionsController {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  @Get('sessions')
  @ApiOperation({ summary: 'The signed-in user’s open sessions' })
  @ApiOkResponse({ type: UserSessionsResponse })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED or SESSION_ENDED' })
  async list(@JwtUserId() userId: string, @JwtSessionId() currentSessionId: string): Promise<UserSessionsResponse> {
    const sessions = await this.database
      .select()
      .from(userSessions)
      .where(and(eq(userSessions.userId, userId), isNull(userSessions.endedAt)))
      .orderBy(desc(userSessions.startedAt), userSessions.sessionId);
    return {
      items: sessions.map((session) => ({
        id: session.sessionId,
        createdAt: session.startedAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
        userAgent: session.userAgent,
        current: session.sessionId === currentSessionId,
      })),
    };
  }
}
