import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { ConfirmPasswordResetApplicationCommand } from '../../../../shared/commands/confirm-password-reset.command';
import { parsePasswordResetToken, passwordResetSecretHash } from '../../../../shared/password-reset-token';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { PasswordResetTokenUnknown } from '../../domain/errors';
import { ConfirmPasswordResetRequest } from './confirm-password-reset.request';
import { ApiPublic } from '../../../../../shared/api-docs/api-security.decorators';

/** The token is the proof of mailbox ownership, so the endpoint needs no login. */
@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetConfirmationController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  @Post('confirmation')
  @ApiPublic()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Set a new password with the token from the password reset mail',
    description: 'The old password stops working and every session of the user ends.',
  })
  @ApiNoContentResponse({ description: 'Password changed; login works with the new password shortly after' })
  @ApiBadRequestResponse({
    type: HttpErrorResponse,
    description: 'VALIDATION_FAILED, MALFORMED_JSON, or WEAK_PASSWORD when the new password is too easy to guess (the message says how to improve it)',
  })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'PASSWORD_RESET_TOKEN_UNKNOWN' })
  @ApiConflictResponse({
    type: HttpErrorResponse,
    description: 'PASSWORD_RESET_TOKEN_USED (the link was used already) or PASSWORD_RESET_TOKEN_SUPERSEDED (a newer link was mailed)',
  })
  @ApiGoneResponse({ type: HttpErrorResponse, description: 'PASSWORD_RESET_TOKEN_EXPIRED: the link is valid 30 minutes' })
  async confirm(@Body() request: ConfirmPasswordResetRequest, @RequestCorrelationId() correlationId: string): Promise<void> {
    const token = parsePasswordResetToken(request.token);
    if (token === undefined) throw new PasswordResetTokenUnknown();
    const command = this.commandFactory.applicationCommand(() => ({
      class: ConfirmPasswordResetApplicationCommand,
      type: 'ConfirmPasswordReset',
      data: { userId: token.userId, secretHash: passwordResetSecretHash(token.secret), plainPassword: request.newPassword },
      metadata: { correlationId },
    }));
    await this.commandBus.execute(command);
  }
}
