import { Body, Controller, HttpStatus, Patch, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { ChangeUserProfileApplicationCommand } from '../../../../shared/commands/change-user-profile.command';
import { ApiErrorResponse } from '../../../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../../../shared/auth/jwt-user-id.decorator';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { ChangeUserProfileRequest } from './change-user-profile.request';
import { ChangedUserProfileResponse } from './changed-user-profile.response';

@ApiTags('users')
@ApiAccessTokenAuth()
@Controller('users')
@UseGuards(JwtAuthGuard)
export class UserProfileController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  @Patch('me')
  @ApiOperation({ summary: 'Change your name or avatar; fields left out stay as they are' })
  @ApiOkResponse({ type: ChangedUserProfileResponse })
  @ApiErrorResponse(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED', 'MALFORMED_JSON', 'USER_PROFILE_CHANGE_EMPTY'], 'a field breaks its rules, is unknown, or no field is given')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['USER_PROFILE_NOT_FOUND'], 'the registration was not completed')
  async change(
    @Body() request: ChangeUserProfileRequest,
    @JwtUserId() userId: string,
    @RequestCorrelationId() correlationId: string,
  ): Promise<ChangedUserProfileResponse> {
    const profile = await this.commandBus.execute(
      this.commandFactory.applicationCommand(() => ({
        class: ChangeUserProfileApplicationCommand,
        type: 'ChangeUserProfile',
        data: { userId, ...definedFields(request) },
        metadata: { correlationId },
      })),
    );
    return { id: profile.userId, fullName: profile.fullName, email: profile.emailAddress, image: profile.image };
  }
}

function definedFields({ fullName, image }: ChangeUserProfileRequest): { fullName?: string; image?: string } {
  return { ...(fullName !== undefined ? { fullName } : {}), ...(image !== undefined ? { image } : {}) };
}
