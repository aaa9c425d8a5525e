import { Body, Controller, HttpCode, HttpStatus, Inject, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { GrantAdminRoleApplicationCommand } from '../../../../shared/commands/grant-admin-role.command';
import { ApiAccessTokenAuth } from '../../../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../../../shared/auth/roles.guard';
import { HttpErrorResponse } from '../../../../../shared/errors/http-error.response';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { USER_ACCOUNTS_PORT, type UserAccountsPort } from '../../application/user-accounts.port';
import { GrantRoleRequest } from './grant-role.request';
import { UserIdRequest } from './user-id.request';

/** Sends the shared GrantAdminRole command, which module/write/user-roles decides, for an account that exists. */
@ApiTags('users')
@ApiAccessTokenAuth()
@Controller('users')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class AdminRoleGrantController {
  constructor(
    @Inject(USER_ACCOUNTS_PORT) private readonly accounts: UserAccountsPort,
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  /** Idempotent: granting the role to an administrator changes nothing. */
  @Post(':userId/role-grants')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Make a user an administrator (admins)',
    description: 'Idempotent. The role applies to the user\'s requests as soon as the accounts read model has the grant, usually within milliseconds.',
  })
  @ApiNoContentResponse({ description: 'The user is an administrator' })
  @ApiUnauthorizedResponse({ type: HttpErrorResponse, description: 'UNAUTHORIZED' })
  @ApiForbiddenResponse({ type: HttpErrorResponse, description: 'FORBIDDEN: not an admin' })
  @ApiNotFoundResponse({ type: HttpErrorResponse, description: 'USER_NOT_FOUND: no account that can sign in has this id' })
  async grant(@Param() { userId }: UserIdRequest, @Body() _grant: GrantRoleRequest, @RequestCorrelationId() correlationId: string): Promise<void> {
    if (!(await this.accounts.canSignIn(userId))) throw new NotFoundException({ code: 'USER_NOT_FOUND', message: 'No account with this id' });
    await this.commandBus.execute(
      this.commandFactory.applicationCommand(() => ({
        class: GrantAdminRoleApplicationCommand,
        type: 'GrantAdminRole',
        data: { userId },
        metadata: { correlationId },
      })),
    );
  }
}
