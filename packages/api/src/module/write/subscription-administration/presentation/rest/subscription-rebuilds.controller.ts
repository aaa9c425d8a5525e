import { Controller, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { ApiErrorResponse } from '../../../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../../../shared/auth/jwt-user-id.decorator';
import { Roles } from '../../../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../../../shared/auth/roles.guard';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { RequestSubscriptionRebuildApplicationCommand } from '../../../../shared/commands/request-subscription-rebuild.command';
import { SubscriptionRebuildRequest } from './subscription-rebuild.request';
import { SubscriptionRebuildResponse } from './subscription-rebuild.response';

@ApiTags('subscriptions')
@ApiAccessTokenAuth()
@Controller('admin/subscriptions/:subscriptionId/rebuilds')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class SubscriptionRebuildsController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Rebuild a subscription from the first event (admins)',
    description:
      'A read model that declares its tables is rebuilt beside the serving one, which readers keep seeing and which keeps following the log, and switched in atomically once caught up; ' +
      'a failure leaves the serving one as it was. Any other subscription resets its checkpoint: the instance running it clears what it built and replays the log. ' +
      'Both run in the background; follow it in `rebuild` of GET /api/admin/subscriptions. ' +
      'Recorded as SubscriptionRebuildWasRequested on SubscriptionAdministration_<subscriptionId>. A rebuild is under way until the new checkpoint reaches the end of the log as it was when requested (and, beside the serving one, until it is switched in or has failed).',
  })
  @ApiAcceptedResponse({ type: SubscriptionRebuildResponse, description: 'Requested; the replay runs in the background' })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['SUBSCRIPTION_NOT_FOUND'], 'no subscription of this id is defined')
  @ApiErrorResponse(HttpStatus.CONFLICT, ['SUBSCRIPTION_REBUILD_UNDER_WAY'], 'a rebuild of it is under way')
  async request(
    @Param() { subscriptionId }: SubscriptionRebuildRequest,
    @JwtUserId() adminId: string,
    @RequestCorrelationId() correlationId: string,
  ): Promise<SubscriptionRebuildResponse> {
    const requested = await this.commandBus.execute(
      this.commandFactory.applicationCommand(() => ({
        class: RequestSubscriptionRebuildApplicationCommand,
        type: 'RequestSubscriptionRebuild',
        data: { subscriptionId, adminId },
        metadata: { correlationId },
      })),
    );
    return { subscriptionId, ...requested };
  }
}
