import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  ForbiddenException,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Ip,
  Post,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { normalizedEmailAddress } from '../../shared/email-address';
import { ACCESS_TOKEN_COOKIE } from '../../../shared/auth/access-token';
import { AccessTokenIssuer } from '../../../shared/auth/access-token.issuer';
import { hashPassword, verifyPassword } from '../../../shared/auth/scrypt-password';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { AccessTokenResponse } from './access-token.response';
import { AttemptLimiter } from './attempt-limiter';
import { findAuthUserByEmail } from './auth-users.queries';
import { LoginRequest } from './login.request';
import { ApiPublic } from '../../../shared/api-docs/api-security.decorators';

const FAILED_LOGINS_ALLOWED = 5;
const FAILED_LOGINS_WINDOW_MS = 15 * 60 * 1000;

@ApiTags('auth')
@Controller('auth')
export class AuthUsersRestController {
  /** Failed logins per address and client IP. */
  private readonly failedLogins = new AttemptLimiter({ maxAttempts: FAILED_LOGINS_ALLOWED, windowMs: FAILED_LOGINS_WINDOW_MS });
  /** Unknown addresses are checked against this, so they cost the same hashing time as a wrong password. */
  private readonly unknownUserHash = hashPassword(randomUUID());

  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
    private readonly accessTokenIssuer: AccessTokenIssuer,
  ) {}

  @Post('login')
  @ApiPublic()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange email and password for an access token (also set as an httpOnly cookie)' })
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED or MALFORMED_JSON' })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'INVALID_CREDENTIALS, for an unknown address and a wrong password alike' })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'EMAIL_NOT_CONFIRMED' })
  @ApiTooManyRequestsResponse({
    type: HttpErrorResponse,
    description: `TOO_MANY_LOGIN_ATTEMPTS after ${FAILED_LOGINS_ALLOWED} failures within 15 minutes for one address from one IP`,
  })
  async login(
    @Body() request: LoginRequest,
    @Ip() clientIp: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const emailAddress = normalizedEmailAddress(request.email);
    const attemptKey = `${emailAddress} ${clientIp}`;
    if (this.failedLogins.exceeded(attemptKey)) {
      throw new HttpException({ code: 'TOO_MANY_LOGIN_ATTEMPTS', message: 'Too many failed logins; try again later' }, HttpStatus.TOO_MANY_REQUESTS);
    }

    const user = await findAuthUserByEmail(this.database, emailAddress);
    const passwordMatches = await verifyPassword(request.password, user?.hashedPassword ?? (await this.unknownUserHash));
    if (user === undefined || !passwordMatches) {
      this.failedLogins.record(attemptKey);
      throw new UnauthorizedException({ code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' });
    }
    // Checked only after the password, so it reveals nothing to someone who does not know it.
    if (!user.emailConfirmed) {
      throw new ForbiddenException({ code: 'EMAIL_NOT_CONFIRMED', message: 'Confirm your email address first' });
    }

    this.failedLogins.reset(attemptKey);
    const { accessToken, expiresInSeconds } = await this.accessTokenIssuer.issue(user.userId, user.role);
    void reply.setCookie(ACCESS_TOKEN_COOKIE, accessToken, this.accessTokenIssuer.cookieOptions());
    return { accessToken, tokenType: 'Bearer', expiresIn: expiresInSeconds };
  }

  /** Needs no valid token: clearing the cookie is what a stale session needs most. */
  @Post('logout')
  @ApiPublic()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Clear the access-token cookie' })
  @ApiNoContentResponse({ description: 'Cookie cleared' })
  logout(@Res({ passthrough: true }) reply: FastifyReply): void {
    const { path, sameSite, secure, httpOnly } = this.accessTokenIssuer.cookieOptions();
    void reply.clearCookie(ACCESS_TOKEN_COOKIE, { path, sameSite, secure, httpOnly });
  }
}
