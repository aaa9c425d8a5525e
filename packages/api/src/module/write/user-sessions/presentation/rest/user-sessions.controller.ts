import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Ip,
  Param,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { ACCESS_TOKEN_COOKIE, extractAccessToken } from '../../../../../shared/auth/access-token';
import { AccessTokenIssuer } from '../../../../../shared/auth/access-token.issuer';
import { AccessTokenVerifier } from '../../../../../shared/auth/access-token.verifier';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../../../shared/auth/jwt-user-id.decorator';
import { hashPassword, verifyPassword } from '../../../../../shared/auth/scrypt-password';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { ApiRateLimited } from '../../../../../shared/rate-limits/api-rate-limited.decorator';
import type { RateLimitPolicy } from '../../../../../shared/rate-limits/rate-limit-policy';
import { RateLimits } from '../../../../../shared/rate-limits/rate-limits';
import { EndUserSessionApplicationCommand } from '../../../../shared/commands/end-user-session.command';
import { StartUserSessionApplicationCommand } from '../../../../shared/commands/start-user-session.command';
import { normalizedEmailAddress } from '../../../../shared/email-address';
import { USER_SESSIONS_SUBSCRIPTION_ID } from '../../../../read/shared/read-model-subscription-ids';
import { ReadModelCatchUp } from '../../../shared/read-model-catch-up';
import { CREDENTIALS_PORT, type CredentialsPort } from '../../application/credentials.port';
import { SessionNotFound } from '../../domain/errors';
import { AccessTokenResponse } from './access-token.response';
import { LoginRequest } from './login.request';
import { SessionIdRequest } from './session-id.request';
import { ApiAccessTokenAuth, ApiPublic } from '../../../../../shared/api-docs/api-security.decorators';

/**
 * Failed logins per address and client. Every attempt is counted before the password is checked
 * (so parallel guesses cannot slip past the count) and a right password takes its count back.
 */
const FAILED_LOGINS: RateLimitPolicy = {
  name: 'failed-logins',
  limit: 5,
  windowSeconds: 15 * 60,
  code: 'TOO_MANY_LOGIN_ATTEMPTS',
  message: 'Too many failed logins; try again later',
};
/** Enough to tell browsers and devices apart in the list of sessions; clients may send far more. */
const USER_AGENT_MAX_LENGTH = 512;

/**
 * Login starts a session and logout ends it; each answers only once the sessions read model shows
 * it, so the token works (or is refused) on the very next request, on any instance.
 */
@ApiTags('auth')
@Controller('auth')
export class UserSessionsController {
  /** Unknown addresses are checked against this, so they cost the same hashing time as a wrong password. */
  private readonly unknownUserHash = hashPassword(randomUUID());

  constructor(
    @Inject(CREDENTIALS_PORT) private readonly credentials: CredentialsPort,
    private readonly accessTokenIssuer: AccessTokenIssuer,
    private readonly accessTokenVerifier: AccessTokenVerifier,
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly readModelCatchUp: ReadModelCatchUp,
    private readonly rateLimits: RateLimits,
  ) {}

  @Post('login')
  @ApiPublic()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange email and password for an access token (also set as an httpOnly cookie)' })
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED or MALFORMED_JSON' })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'INVALID_CREDENTIALS, for an unknown address and a wrong password alike' })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'EMAIL_NOT_CONFIRMED' })
  @ApiRateLimited(FAILED_LOGINS, 'failed logins for one address from one client address')
  async login(
    @Body() request: LoginRequest,
    @Ip() clientIp: string,
    @Headers('user-agent') userAgent: string | undefined,
    @RequestCorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const emailAddress = normalizedEmailAddress(request.email);
    const attemptKey = `${emailAddress} ${clientIp}`;
    await this.rateLimits.consume(FAILED_LOGINS, attemptKey, reply);

    const user = await this.credentials.findByEmail(emailAddress);
    const passwordMatches = await verifyPassword(request.password, user?.hashedPassword ?? (await this.unknownUserHash));
    if (user === undefined || !passwordMatches) {
      throw new UnauthorizedException({ code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' });
    }
    // Checked only after the password, so it reveals nothing to someone who does not know it.
    if (!user.emailConfirmed) {
      await this.rateLimits.giveBack(FAILED_LOGINS, attemptKey);
      throw new ForbiddenException({ code: 'EMAIL_NOT_CONFIRMED', message: 'Confirm your email address first' });
    }

    await this.rateLimits.reset(FAILED_LOGINS, attemptKey, reply);
    const sessionId = randomUUID();
    const started = this.commandFactory.applicationCommand(() => ({
      class: StartUserSessionApplicationCommand,
      type: 'StartUserSession',
      data: { sessionId, userId: user.userId, userAgent: userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null },
      metadata: { correlationId },
    }));
    await this.readModelCatchUp.waitFor([USER_SESSIONS_SUBSCRIPTION_ID], await this.commandBus.execute(started));

    const { accessToken, expiresInSeconds } = await this.accessTokenIssuer.issue(user.userId, user.role, sessionId);
    void reply.setCookie(ACCESS_TOKEN_COOKIE, accessToken, this.accessTokenIssuer.cookieOptions());
    return { accessToken, tokenType: 'Bearer', expiresIn: expiresInSeconds };
  }

  /**
   * Needs no valid token: clearing the cookie is what a stale session needs most. A well-signed
   * token's session ends, even if the token has other faults the guard would refuse it for.
   */
  @Post('logout')
  @ApiPublic()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the session of the access token sent (Bearer header or cookie) and clear the cookie' })
  @ApiNoContentResponse({ description: 'Session ended (if the request carried a token of one) and cookie cleared' })
  async logout(@Req() request: FastifyRequest, @RequestCorrelationId() correlationId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const { path, sameSite, secure, httpOnly } = this.accessTokenIssuer.cookieOptions();
    void reply.clearCookie(ACCESS_TOKEN_COOKIE, { path, sameSite, secure, httpOnly });
    const token = extractAccessToken(request);
    if (token === undefined) return;
    const signed = await this.accessTokenVerifier.verifySignature(token).catch(() => undefined);
    if (signed?.sessionId === undefined) return;
    await this.endSession(signed.sessionId, signed.userId, correlationId).catch((error: unknown) => {
      if (!(error instanceof SessionNotFound)) throw error;
    });
  }

  @Delete('sessions/:id')
  @UseGuards(JwtAuthGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiAccessTokenAuth()
  @ApiOperation({ summary: 'End one of the signed-in user’s sessions (its token is refused from then on)' })
  @ApiNoContentResponse({ description: 'Session ended (also when it had ended already)' })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED: the id is not a uuid' })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED or SESSION_ENDED' })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'SESSION_NOT_FOUND: no session with this id, or another user’s' })
  async endOwnSession(@Param() params: SessionIdRequest, @JwtUserId() userId: string, @RequestCorrelationId() correlationId: string): Promise<void> {
    await this.endSession(params.id, userId, correlationId);
  }

  private async endSession(sessionId: string, userId: string, correlationId: string): Promise<void> {
    const ended = this.commandFactory.applicationCommand(() => ({
      class: EndUserSessionApplicationCommand,
      type: 'EndUserSession',
      data: { sessionId, userId },
      metadata: { correlationId },
    }));
    await this.readModelCatchUp.waitFor([USER_SESSIONS_SUBSCRIPTION_ID], await this.commandBus.execute(ended));
  }
}
