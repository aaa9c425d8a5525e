import { Body, Controller, HttpCode, HttpStatus, Ip, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import type { FastifyReply } from 'fastify';
import { RegisterUserApplicationCommand } from '../../../../shared/commands/register-user.command';
import { AppConfig } from '../../../../../shared/config/app-config';
import { DEFAULT_REGISTRATIONS_PER_HOUR } from '../../../../../shared/config/env.schema';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { ApiRateLimited } from '../../../../../shared/rate-limits/api-rate-limited.decorator';
import type { RateLimitPolicy } from '../../../../../shared/rate-limits/rate-limit-policy';
import { RateLimits } from '../../../../../shared/rate-limits/rate-limits';
import { RegisterUserRequest } from './register-user.request';
import { UserRegistrationResponse } from './user-registration.response';
import { ApiPublic } from '../../../../../shared/api-docs/api-security.decorators';

/**
 * Registrations per client address: each one mails an address of the client's choosing, so
 * without a limit anyone could make the server mail any number of addresses. The documented
 * limit is the default; REGISTRATIONS_PER_HOUR sets it.
 */
const registrationsPerClient = (limit: number): RateLimitPolicy => ({
  name: 'registrations',
  limit,
  windowSeconds: 60 * 60,
  code: 'TOO_MANY_REGISTRATIONS',
  message: 'Too many registrations from this address; try again later',
});

@ApiTags('users')
@ApiPublic()
@Controller('user-registration')
export class UserRegistrationController {
  private readonly registrations: RateLimitPolicy;

  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly rateLimits: RateLimits,
    config: AppConfig,
  ) {
    this.registrations = registrationsPerClient(config.registrationsPerHour);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register a user; a confirmation link is mailed to the address' })
  @ApiCreatedResponse({ type: UserRegistrationResponse })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED, MALFORMED_JSON, or WEAK_PASSWORD when the password is too easy to guess (the message says how to improve it)' })
  @ApiConflictResponse({ type: HttpErrorResponse, description: 'EMAIL_ALREADY_REGISTERED' })
  @ApiPayloadTooLargeResponse({ type: HttpErrorResponse, description: 'PAYLOAD_TOO_LARGE' })
  @ApiRateLimited(registrationsPerClient(DEFAULT_REGISTRATIONS_PER_HOUR), 'registrations from one client address (REGISTRATIONS_PER_HOUR)')
  async register(
    @Body() request: RegisterUserRequest,
    @RequestCorrelationId() correlationId: string,
    @Ip() clientIp: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserRegistrationResponse> {
    await this.rateLimits.consume(this.registrations, clientIp, reply);
    const command = this.commandFactory.applicationCommand((ids) => ({
      class: RegisterUserApplicationCommand,
      type: 'RegisterUser',
      data: { userId: ids.generate(), fullName: request.fullName, emailAddress: request.email, plainPassword: request.password },
      metadata: { correlationId },
    }));
    await this.commandBus.execute(command);
    return { userId: command.data.userId };
  }
}
