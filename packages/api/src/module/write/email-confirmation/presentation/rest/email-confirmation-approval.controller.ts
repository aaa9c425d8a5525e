import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory, type LogPosition } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { ApproveEmailConfirmationApplicationCommand } from '../../../../shared/commands/approve-email-confirmation.command';
import { USER_REGISTRATION_CONFIRMATION, userIdOfEmailConfirmationToken } from '../../../../shared/email-confirmation-token';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { EmailConfirmationNotRequested, EmailConfirmationTokenUnknown } from '../../domain/errors';
import { ApproveEmailConfirmationRequest } from './approve-email-confirmation.request';
import { ApiPublic } from '../../../../../shared/api-docs/api-security.decorators';
import { AUTH_USERS_SUBSCRIPTION_ID } from '../../../../read/shared/read-model-subscription-ids';
import { ReadModelCatchUp } from '../../../shared/read-model-catch-up';

/** The token is the proof of mailbox ownership, so the endpoint needs no login. */
@ApiTags('users')
@ApiPublic()
@Controller('email-confirmation')
export class EmailConfirmationApprovalController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly readModelCatchUp: ReadModelCatchUp,
  ) {}

  @Post('approval')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Confirm an email address with the token from the confirmation mail' })
  @ApiNoContentResponse({ description: 'Confirmed; login accepts the account from this answer on' })
  @ApiBadRequestResponse({ type: HttpErrorResponse, description: 'VALIDATION_FAILED or MALFORMED_JSON' })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'EMAIL_CONFIRMATION_TOKEN_UNKNOWN' })
  @ApiConflictResponse({ type: HttpErrorResponse, description: 'EMAIL_CONFIRMATION_TOKEN_OBSOLETE or EMAIL_CONFIRMATION_ALREADY_APPROVED' })
  async approve(@Body() request: ApproveEmailConfirmationRequest, @RequestCorrelationId() correlationId: string): Promise<void> {
    const { confirmationToken } = request;
    const userId = userIdOfEmailConfirmationToken(confirmationToken);
    if (userId === undefined) throw new EmailConfirmationTokenUnknown();
    const command = this.commandFactory.applicationCommand(() => ({
      class: ApproveEmailConfirmationApplicationCommand,
      type: 'ApproveEmailConfirmation',
      data: { confirmationToken, userId, confirmationFor: USER_REGISTRATION_CONFIRMATION },
      metadata: { correlationId },
    }));
    let approval: LogPosition | null;
    try {
      approval = await this.commandBus.execute(command);
    } catch (error) {
      // To the token holder, a user id without a pending confirmation is just an unknown token.
      throw error instanceof EmailConfirmationNotRequested ? new EmailConfirmationTokenUnknown() : error;
    }
    // The confirmed person signs in next: answer once sign-in reads the address as confirmed.
    await this.readModelCatchUp.waitFor([AUTH_USERS_SUBSCRIPTION_ID], approval);
  }
}
