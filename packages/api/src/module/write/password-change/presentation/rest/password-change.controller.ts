import { Body, Controller, HttpCode, HttpStatus, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { JwtSessionId } from '../../../../../shared/auth/jwt-session-id.decorator';
import { JwtUserId } from '../../../../../shared/auth/jwt-user-id.decorator';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { ChangePasswordApplicationCommand } from '../../../../shared/commands/change-password.command';
import { AUTH_USERS_SUBSCRIPTION_ID, USER_SESSIONS_SUBSCRIPTION_ID } from '../../../../read/shared/read-model-subscription-ids';
import { ReadModelCatchUp } from '../../../shared/read-model-catch-up';
import { ChangePasswordRequest } from './change-password.request';
import { ApiAccessTokenAuth } from '../../../../../shared/api-docs/api-security.decorators';

@ApiTags('users')
@ApiAccessTokenAuth()
@UseGuards(JwtAuthGuard)
@Controller('users/me/password')
export class PasswordChangeController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly readModelCatchUp: ReadModelCatchUp,
  ) {}

  /** Answers once login takes only the new password and the other sessions are refused, on every instance. */
  @Put()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change the signed-in user’s password; ends every other session of the user, keeps this one' })
  @ApiNoContentResponse({ description: 'Password changed; other sessions ended' })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED (new password not 8–128 characters) or MALFORMED_JSON' })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED or SESSION_ENDED' })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'INVALID_CREDENTIALS: the current password is wrong' })
  async changePassword(
    @Body() request: ChangePasswordRequest,
    @JwtUserId() userId: string,
    @JwtSessionId() sessionId: string,
    @RequestCorrelationId() correlationId: string,
  ): Promise<void> {
    const command = this.commandFactory.applicationCommand(() => ({
      class: ChangePasswordApplicationCommand,
      type: 'ChangePassword',
      data: { userId, currentPassword: request.currentPassword, newPassword: request.newPassword, keptSessionId: sessionId },
      metadata: { correlationId },
    }));
    const position = await this.commandBus.execute(command);
    await this.readModelCatchUp.waitFor([AUTH_USERS_SUBSCRIPTION_ID, USER_SESSIONS_SUBSCRIPTION_ID], position);
  }
}
