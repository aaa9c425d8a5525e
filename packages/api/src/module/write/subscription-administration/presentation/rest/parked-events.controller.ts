import { Controller, HttpCode, HttpStatus, Param, Post, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { ApiErrorResponse } from '../../../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../../../shared/auth/jwt-auth.guard';
import { JwtUserId } from '../../../../../shared/auth/jwt-user-id.decorator';
import { Roles } from '../../../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../../../shared/auth/roles.guard';
import { RequestCorrelationId } from '../../../../../shared/observability/correlation-id.decorator';
import { ReplayParkedEventApplicationCommand } from '../../../../shared/commands/replay-parked-event.command';
import { SkipParkedEventApplicationCommand } from '../../../../shared/commands/skip-parked-event.command';
import { ParkedEventReplayResponse } from './parked-event-replay.response';
import { ParkedEventRequest } from './parked-event.request';

const NOT_FOUND = 'no subscription of this id is defined, or it has no such event parked (never parked, or replayed or skipped already)';

@ApiTags('subscriptions')
@ApiAccessTokenAuth()
@Controller('admin/subscriptions/:subscriptionId/parked/:eventId')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class ParkedEventsController {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  @Post('replay')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Have a subscription handle a parked event again (admins)',
    description: 'For after its handler is fixed. Recorded, whatever the outcome, as ParkedEventWasReplayed on SubscriptionAdministration_<subscriptionId>.',
  })
  @ApiOkResponse({ type: ParkedEventReplayResponse })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['SUBSCRIPTION_NOT_FOUND', 'PARKED_EVENT_NOT_FOUND'], NOT_FOUND)
  async replay(
    @Param() { subscriptionId, eventId }: ParkedEventRequest,
    @JwtUserId() adminId: string,
    @RequestCorrelationId() correlationId: string,
  ): Promise<ParkedEventReplayResponse> {
    const outcome = await this.commandBus.execute(
      this.commandFactory.applicationCommand(() => ({
        class: ReplayParkedEventApplicationCommand,
        type: 'ReplayParkedEvent',
        data: { subscriptionId, eventId, adminId },
        metadata: { correlationId },
      })),
    );
    return outcome.handled ? { replayed: true, error: null, attempts: null } : { replayed: false, error: outcome.error, attempts: outcome.attempts };
  }

  @Post('skip')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Take a parked event off a subscription\'s list without handling it (admins)',
    description: 'Final. Recorded as ParkedEventWasSkipped on SubscriptionAdministration_<subscriptionId>.',
  })
  @ApiNoContentResponse({ description: 'Skipped' })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['SUBSCRIPTION_NOT_FOUND', 'PARKED_EVENT_NOT_FOUND'], NOT_FOUND)
  async skip(@Param() { subscriptionId, eventId }: ParkedEventRequest, @JwtUserId() adminId: string, @RequestCorrelationId() correlationId: string): Promise<void> {
    await this.commandBus.execute(
      this.commandFactory.applicationCommand(() => ({
        class: SkipParkedEventApplicationCommand,
        type: 'SkipParkedEvent',
        data: { subscriptionId, eventId, adminId },
        metadata: { correlationId },
      })),
    );
  }
}
