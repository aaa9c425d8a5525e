import { Body, Controller, Delete, HttpCode, HttpStatus, Param, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { ApiErrorResponse } from '../../../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../../../shared/auth/jwt-user-id.decorator';
import { Roles } from '../../../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../../../shared/auth/roles.guard';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { EraseUserApplicationCommand, type EraseUser } from '../../../../shared/commands/erase-user.command';
import {
  AUTH_USERS_SUBSCRIPTION_ID,
  COURSE_PARTICIPANTS_SUBSCRIPTION_ID,
  PERSONAL_DATA_ERASURE_SUBSCRIPTION_ID,
  USER_SESSIONS_SUBSCRIPTION_ID,
} from '../../../../read/shared/read-model-subscription-ids';
import { ReadModelCatchUp } from '../../../shared/read-model-catch-up';
import { EraseOwnAccountRequest } from './erase-own-account.request';
import { ErasedUserIdRequest } from './erased-user-id.request';

/**
 * What an erasure answers after: the erasure itself has run (address released, key erased,
 * plaintext rewritten), login and every session of the user are refused, and the tables other
 * slices read the user from have dropped them. The other read models follow within moments.
 */
const ERASURE_SUBSCRIPTION_IDS = [PERSONAL_DATA_ERASURE_SUBSCRIPTION_ID, AUTH_USERS_SUBSCRIPTION_ID, USER_SESSIONS_SUBSCRIPTION_ID, COURSE_PARTICIPANTS_SUBSCRIPTION_ID];

@ApiTags('users')
@ApiAccessTokenAuth()
@Controller()
@UseGuards(JwtAuthGuard)
export class UserErasureController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
    private readonly readModelCatchUp: ReadModelCatchUp,
  ) {}

  @Delete('users/me')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Erase your account and your personal data (GDPR Art. 17)',
    description: 'Final. Your name, address, password, avatar and mails become unreadable everywhere, your sessions end and the address may be registered again.',
  })
  @ApiNoContentResponse({ description: 'Erased; this access token is refused from now on' })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['WRONG_PASSWORD'], 'the password is wrong')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['USER_NOT_FOUND'], 'no registration has this user id')
  async eraseOwnAccount(@Body() request: EraseOwnAccountRequest, @JwtUserId() userId: string, @RequestCorrelationId() correlationId: string): Promise<void> {
    await this.erase(userId, { kind: 'user', password: request.password }, correlationId);
  }

  @Delete('admin/users/:userId')
  @UseGuards(RolesGuard)
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Erase a user and their personal data (admins)', description: 'Final, as when the user erases their own account.' })
  @ApiNoContentResponse({ description: 'Erased; the user\'s sessions are refused from now on' })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['USER_NOT_FOUND'], 'no registration has this user id')
  @ApiErrorResponse(HttpStatus.GONE, ['USER_ALREADY_ERASED'], 'the user was erased already')
  async eraseUser(@Param() { userId }: ErasedUserIdRequest, @RequestCorrelationId() correlationId: string): Promise<void> {
    await this.erase(userId, { kind: 'admin' }, correlationId);
  }

  private async erase(userId: string, erasedBy: EraseUser['data']['erasedBy'], correlationId: string): Promise<void> {
    const position = await this.commandBus.execute(
      this.commandFactory.applicationCommand(() => ({
        class: EraseUserApplicationCommand,
        type: 'EraseUser',
        data: { userId, erasedBy },
        metadata: { correlationId },
      })),
    );
    await this.readModelCatchUp.waitFor(ERASURE_SUBSCRIPTION_IDS, position);
  }
}
