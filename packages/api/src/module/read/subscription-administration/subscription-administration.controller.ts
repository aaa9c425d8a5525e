import { Controller, Get, HttpStatus, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsSubscriptionsFactory, UnknownSubscriptionError, type EventsSubscription, type ParkedEvent, type SubscriptionStatus } from '@coderscamp/event-sourcing';
import { ApiErrorResponse } from '../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../shared/auth/roles.guard';
import { ParkedEventResponse } from './parked-event.response';
import { SubscriptionIdRequest } from './subscription-id.request';
import { SubscriptionOverviewResponse } from './subscription-overview.response';

/** The durable subscriptions this application defines, as the SDK reports them: no read model of their own. */
@ApiTags('subscriptions')
@ApiAccessTokenAuth()
@Controller('admin/subscriptions')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class SubscriptionAdministrationController {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<unknown>) {}

  @Get()
  @ApiOperation({ summary: 'Every durable subscription: state, position, lag, last error and parked events (admins)' })
  @ApiOkResponse({ type: [SubscriptionOverviewResponse] })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  async list(): Promise<SubscriptionOverviewResponse[]> {
    const statuses = await this.subscriptions.statuses();
    return statuses.map(toOverview).sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
  }

  @Get(':subscriptionId/parked')
  @ApiOperation({ summary: 'A subscription\'s parked events not yet replayed or skipped, in log order (admins)' })
  @ApiOkResponse({ type: [ParkedEventResponse] })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  @ApiErrorResponse(HttpStatus.NOT_FOUND, ['SUBSCRIPTION_NOT_FOUND'], 'no subscription of this id is defined')
  async parked(@Param() { subscriptionId }: SubscriptionIdRequest): Promise<ParkedEventResponse[]> {
    return (await this.subscription(subscriptionId).parkedEvents()).map(toParkedEventResponse);
  }

  private subscription(subscriptionId: string): EventsSubscription<unknown> {
    try {
      return this.subscriptions.require(subscriptionId);
    } catch (error) {
      if (error instanceof UnknownSubscriptionError) throw new NotFoundException({ code: 'SUBSCRIPTION_NOT_FOUND', message: error.message });
      throw error;
    }
  }
}

function toOverview(status: SubscriptionStatus): SubscriptionOverviewResponse {
  const { lastError } = status;
  return {
    subscriptionId: status.subscriptionId,
    state: status.state,
    position: status.position?.globalPosition.toString() ?? null,
    lagEvents: status.lagEvents,
    lagExact: status.lagExact,
    lagSeconds: status.lagSeconds,
    lastError: lastError && { ...lastError, globalPosition: lastError.globalPosition.toString(), failedAt: lastError.failedAt.toISOString() },
    parkedEvents: status.parkedEvents,
  };
}

function toParkedEventResponse(parked: ParkedEvent): ParkedEventResponse {
  return {
    eventId: parked.eventId,
    eventType: parked.eventType,
    streamName: parked.streamName,
    globalPosition: parked.position.globalPosition.toString(),
    error: parked.error,
    attempts: parked.attempts,
    failedAt: parked.failedAt.toISOString(),
  };
}
