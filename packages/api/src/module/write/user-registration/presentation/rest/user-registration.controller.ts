import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { RegisterUserApplicationCommand } from '../../../../shared/commands/register-user.command';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { RegisterUserRequest } from './register-user.request';
import { UserRegistrationResponse } from './user-registration.response';

@ApiTags('users')
@Controller('user-registration')
export class UserRegistrationController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Register a user; a confirmation link is mailed to the address' })
  @ApiCreatedResponse({ type: UserRegistrationResponse })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED, MALFORMED_JSON, or WEAK_PASSWORD when the password is too easy to guess (the message says how to improve it)' })
  @ApiConflictResponse({ type: HttpErrorResponse, description: 'EMAIL_ALREADY_REGISTERED' })
  @ApiPayloadTooLargeResponse({ type: HttpErrorResponse, description: 'PAYLOAD_TOO_LARGE' })
  async register(@Body() request: RegisterUserRequest, @RequestCorrelationId() correlationId: string): Promise<UserRegistrationResponse> {
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
