import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  ForbiddenException,
  HttpCode,
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
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { normalizedEmailAddress } from '../../shared/email-address';
import { ACCESS_TOKEN_COOKIE } from '../../../shared/auth/access-token';
import { AccessTokenIssuer } from '../../../shared/auth/access-token.issuer';
import { hashPassword, verifyPassword } from '../../../shared/auth/scrypt-password';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { HttpErrorResponse } from '../../../shared/errors/http-error.response';
import { ApiRateLimited } from '../../../shared/rate-limits/api-rate-limited.decorator';
import type { RateLimitPolicy } from '../../../shared/rate-limits/rate-limit-policy';
import { RateLimits } from '../../../shared/rate-limits/rate-limits';
import { AccessTokenResponse } from './access-token.response';
import { findAuthUserByEmail } from './auth-users.queries';
import { LoginRequest } from './login.request';

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

@ApiTags('auth')
@Controller('auth')
export class AuthUsersRestController {
  /** Unknown addresses are checked against this, so they cost the same hashing time as a wrong password. */
  private readonly unknownUserHash = hashPassword(randomUUID());

  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
    private readonly accessTokenIssuer: AccessTokenIssuer,
    private readonly rateLimits: RateLimits,
  ) {}

  @Post('login')
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
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const emailAddress = normalizedEmailAddress(request.email);
    const attemptKey = `${emailAddress} ${clientIp}`;
    await this.rateLimits.consume(FAILED_LOGINS, attemptKey, reply);

    const user = await findAuthUserByEmail(this.database, emailAddress);
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
    const { accessToken, expiresInSeconds } = await this.accessTokenIssuer.issue(user.userId, user.role);
    void reply.setCookie(ACCESS_TOKEN_COOKIE, accessToken, this.accessTokenIssuer.cookieOptions());
    return { accessToken, tokenType: 'Bearer', expiresIn: expiresInSeconds };
  }

  /** Needs no valid token: clearing the cookie is what a stale session needs most. */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Clear the access-token cookie' })
  @ApiNoContentResponse({ description: 'Cookie cleared' })
  logout(@Res({ passthrough: true }) reply: FastifyReply): void {
    const { path, sameSite, secure, httpOnly } = this.accessTokenIssuer.cookieOptions();
    void reply.clearCookie(ACCESS_TOKEN_COOKIE, { path, sameSite, secure, httpOnly });
  }
}
