import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, HttpStatus, Inject, Ip, Logger, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import type { FastifyReply } from 'fastify';
import { RequestPasswordResetApplicationCommand } from '../../../../shared/commands/request-password-reset.command';
import { normalizedEmailAddress } from '../../../../shared/email-address';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { ApiRateLimited } from '../../../../../shared/rate-limits/api-rate-limited.decorator';
import type { RateLimitPolicy } from '../../../../../shared/rate-limits/rate-limit-policy';
import { RateLimits } from '../../../../../shared/rate-limits/rate-limits';
import { ACCOUNTS_PORT, type AccountsPort } from '../../application/accounts.port';
import { RequestPasswordResetRequest } from './request-password-reset.request';
import { ApiPublic } from '../../../../../shared/api-docs/api-security.decorators';

/** Reset requests per address and client: each one mails the address. */
const PASSWORD_RESET_REQUESTS: RateLimitPolicy = {
  name: 'password-reset-requests',
  limit: 3,
  windowSeconds: 15 * 60,
  code: 'TOO_MANY_PASSWORD_RESET_REQUESTS',
  message: 'Too many password reset requests; try again later',
};

/** The command names a user, the client an address: the accounts port says whose it is, if anyone's. */
@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetRequestController {
  private readonly logger = new Logger(PasswordResetRequestController.name);

  constructor(
    @Inject(ACCOUNTS_PORT) private readonly accounts: AccountsPort,
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly rateLimits: RateLimits,
  ) {}

  @Post()
  @ApiPublic()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Mail a link to set a new password (valid 30 minutes, single use; the previous link stops working)',
    description: 'Answers 202 whether or not the address has an account, so it reveals no accounts.',
  })
  @ApiAcceptedResponse({ description: 'If the address has an account, a reset link is on its way' })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED or MALFORMED_JSON' })
  @ApiRateLimited(PASSWORD_RESET_REQUESTS, 'requests for one address from one client address')
  async request(
    @Body() request: RequestPasswordResetRequest,
    @Ip() clientIp: string,
    @RequestCorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const emailAddress = normalizedEmailAddress(request.email);
    await this.rateLimits.consume(PASSWORD_RESET_REQUESTS, `${emailAddress} ${clientIp}`, reply);

    // Not awaited: the answer must take as long for a registered address as for an unknown one.
    void this.requestReset(emailAddress, correlationId).catch((error: unknown) =>
      this.logger.warn({ msg: 'Requesting a password reset failed', err: error, correlationId }),
    );
  }

  private async requestReset(emailAddress: string, correlationId: string): Promise<void> {
    const account = await this.accounts.accountWith(emailAddress);
    if (account === undefined) return;
    await this.commandBus.execute(
      this.commandFactory.applicationCommand(() => ({
        class: RequestPasswordResetApplicationCommand,
        type: 'RequestPasswordReset',
        data: { userId: account.userId, resetId: randomUUID(), emailAddress: account.emailAddress },
        metadata: { correlationId },
      })),
    );
  }
}
