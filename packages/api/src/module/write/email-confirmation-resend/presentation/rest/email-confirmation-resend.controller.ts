import { randomBytes } from 'node:crypto';
import { Body, Controller, HttpCode, HttpStatus, Inject, Ip, Logger, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import type { FastifyReply } from 'fastify';
import { RequestEmailConfirmationApplicationCommand } from '../../../../shared/commands/request-email-confirmation.command';
import { normalizedEmailAddress } from '../../../../shared/email-address';
import { emailConfirmationToken, USER_REGISTRATION_CONFIRMATION } from '../../../../shared/email-confirmation-token';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { ApiRateLimited } from '../../../../../shared/rate-limits/api-rate-limited.decorator';
import type { RateLimitPolicy } from '../../../../../shared/rate-limits/rate-limit-policy';
import { RateLimits } from '../../../../../shared/rate-limits/rate-limits';
import { UNCONFIRMED_REGISTRATIONS_PORT, type UnconfirmedRegistration, type UnconfirmedRegistrationsPort } from '../../application/unconfirmed-registrations.port';
import { ResendEmailConfirmationRequest } from './resend-email-confirmation.request';
import { ApiPublic } from '../../../../../shared/api-docs/api-security.decorators';

/** Resends per address and client: each one mails the address. */
const RESENDS: RateLimitPolicy = {
  name: 'confirmation-resends',
  limit: 3,
  windowSeconds: 15 * 60,
  code: 'TOO_MANY_RESEND_REQUESTS',
  message: 'Too many requests; try again later',
};

/** The command names a user, the client an address: the port finds the registration still waiting for it, if any. */
@ApiTags('users')
@ApiPublic()
@Controller('email-confirmation')
export class EmailConfirmationResendController {
  private readonly logger = new Logger(EmailConfirmationResendController.name);

  constructor(
    @Inject(UNCONFIRMED_REGISTRATIONS_PORT) private readonly registrations: UnconfirmedRegistrationsPort,
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly rateLimits: RateLimits,
  ) {}

  @Post('resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Mail a new confirmation link (the previous one stops working)',
    description: 'Answers 202 whether or not the address has a pending registration, so it reveals no accounts.',
  })
  @ApiAcceptedResponse({ description: 'If the address has an unconfirmed registration, a new link is on its way' })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED or MALFORMED_JSON' })
  @ApiRateLimited(RESENDS, 'requests for one address from one client address')
  async resend(
    @Body() request: ResendEmailConfirmationRequest,
    @Ip() clientIp: string,
    @RequestCorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const emailAddress = normalizedEmailAddress(request.email);
    await this.rateLimits.consume(RESENDS, `${emailAddress} ${clientIp}`, reply);

    // Not awaited: the answer must take as long for a registered address as for an unknown one.
    void this.requestNewConfirmation(emailAddress, correlationId).catch((error: unknown) =>
      this.logger.warn({ msg: 'Resending the email confirmation failed', err: error, correlationId }),
    );
  }

  private async requestNewConfirmation(emailAddress: string, correlationId: string): Promise<void> {
    const registration = await this.registrations.unconfirmedRegistrationWith(emailAddress);
    if (registration === undefined) return;
    await this.commandBus.execute(this.requestConfirmationCommand(registration, correlationId));
  }

  private requestConfirmationCommand(registration: UnconfirmedRegistration, correlationId: string): RequestEmailConfirmationApplicationCommand {
    return this.commandFactory.applicationCommand(() => ({
      class: RequestEmailConfirmationApplicationCommand,
      type: 'RequestEmailConfirmation',
      data: {
        userId: registration.userId,
        confirmationToken: emailConfirmationToken(registration.userId, randomBytes(32).toString('base64url')),
        confirmationFor: USER_REGISTRATION_CONFIRMATION,
        emailAddress: registration.emailAddress,
      },
      metadata: { correlationId },
    }));
  }
}
