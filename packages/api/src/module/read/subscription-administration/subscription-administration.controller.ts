import { Controller, Get, HttpStatus, Inject, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EventsSubscriptionsFactory,
  UnknownSubscriptionError,
  type ApplicationEvent,
  type EventStore,
  type EventsSubscription,
  type ParkedEvent,
  type RebuildStatus,
  type SubscriptionStatus,
} from '@coderscamp/event-sourcing';
import type { SubscriptionStore } from '@coderscamp/event-sourcing/adapters';
import { EVENT_STORE, SUBSCRIPTION_STORE } from '@coderscamp/event-sourcing/nestjs';
import { ApiErrorResponse } from '../../../shared/api-docs/api-error-response.decorator';
import { ApiAccessTokenAuth } from '../../../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '../../../shared/auth/jwt-auth.guard';
import { Roles } from '../../../shared/auth/roles.decorator';
import { RolesGuard } from '../../../shared/auth/roles.guard';
import type { SubscriptionRebuildWasRequested } from '../../shared/events/subscription-rebuild-was-requested.event';
import { rebuildHasFinished } from '../../shared/subscription-rebuild';
import { ParkedEventResponse } from './parked-event.response';
import { SubscriptionActionsPageResponse } from './subscription-action.response';
import { SubscriptionActionsRequest } from './subscription-actions.request';
import { administrationEventsOf, lastRebuildRequest, toAction } from './subscription-administration-log';
import { SubscriptionIdRequest } from './subscription-id.request';
import { SubscriptionOverviewResponse, type SubscriptionRebuildProgress } from './subscription-overview.response';

/** The durable subscriptions this application defines, as the SDK reports them: no read model of their own. */
@ApiTags('subscriptions')
@ApiAccessTokenAuth()
@Controller('admin/subscriptions')
@UseGuards(JwtAuthGuard, RolesGuard)
@Roles('admin')
export class SubscriptionAdministrationController {
  constructor(
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(SUBSCRIPTION_STORE) private readonly store: SubscriptionStore<unknown>,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every durable subscription: state, position, lag, last error, parked events and its last rebuild (admins)',
    description: 'Poll it (about twice a second) to follow a rebuild: `rebuild.done` of `rebuild.eventsToReplay`, until `rebuild.finished`.',
  })
  @ApiOkResponse({ type: [SubscriptionOverviewResponse] })
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  async list(): Promise<SubscriptionOverviewResponse[]> {
    // Polled while a rebuild runs: statuses and checkpoints are read for all subscriptions at once;
    // administration streams and rebuild statuses one subscription after another, so a poll holds
    // at most four pooled connections, whatever the number of subscriptions.
    const subscriptions = this.subscriptions.subscriptions();
    const [statuses, stored, administrations, rebuilds] = await Promise.all([
      this.subscriptions.statuses(),
      this.store.list(),
      oneAfterAnother(subscriptions, (subscription) => administrationEventsOf(this.eventStore, subscription.subscriptionId)),
      oneAfterAnother(subscriptions, (subscription) => subscription.rebuildStatus()),
    ]);
    const storedIds = new Set(stored.map((row) => row.subscriptionId));
    const overviews = statuses.map((status, index) => {
      const request = lastRebuildRequest(administrations[index]!);
      // A partitioned subscription has a checkpoint per partition, all created again together after a reset.
      const checkpointStored = subscriptions[index]!.checkpointIds.every((checkpointId) => storedIds.has(checkpointId));
      return { ...toOverview(status), rebuild: request && rebuildProgress(request, status, checkpointStored, rebuilds[index]!) };
    });
    return overviews.sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
  }

  @Get('actions')
  @ApiOperation({ summary: 'What administrators did to the subscriptions (replays, skips, rebuilds), newest first, in pages (admins)' })
  @ApiOkResponse({ type: SubscriptionActionsPageResponse })
  @ApiErrorResponse(HttpStatus.BAD_REQUEST, ['VALIDATION_FAILED'], 'limit not an integer from 1 to 100, or before not a positive integer')
  @ApiErrorResponse(HttpStatus.FORBIDDEN, ['FORBIDDEN'], 'not an admin')
  async actions(@Query() { limit, before }: SubscriptionActionsRequest): Promise<SubscriptionActionsPageResponse> {
    const streams = await oneAfterAnother(this.subscriptions.subscriptions(), (subscription) => administrationEventsOf(this.eventStore, subscription.subscriptionId));
    const newestFirst = streams
      .flat()
      .filter((event) => before === undefined || event.globalPosition < BigInt(before))
      .sort((a, b) => (a.globalPosition < b.globalPosition ? 1 : -1));
    const page = newestFirst.slice(0, limit);
    return { actions: page.map(toAction), nextBefore: newestFirst.length > limit ? page.at(-1)!.globalPosition.toString() : null };
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

/**
 * Reads for each item, one after another: the console polls these, and reads started at once would
 * each hold a pooled connection, a dozen for one poll, taken from the requests beside it.
 */
async function oneAfterAnother<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await read(item));
  return results;
}

/**
 * How far the last rebuild has come. Built beside the serving read model, it is as far as its copy
 * (`blueGreen`, null once switched in); reset and replayed, as far as the checkpoint, except that
 * until the running instance has picked up the reset no checkpoint is stored, and the status may
 * still show the position from before it: nothing is done yet.
 */
function rebuildProgress(
  request: ApplicationEvent<SubscriptionRebuildWasRequested>,
  status: SubscriptionStatus,
  checkpointStored: boolean,
  blueGreen: RebuildStatus | null,
): SubscriptionRebuildProgress {
  const { requestedAt, requestedBy, eventsToReplay, replayTo } = request.data;
  // Events written since the request count in the lag too; done never passes the total before the end.
  const doneGiven = (lagEvents: number) => Math.min(eventsToReplay, Math.max(0, eventsToReplay - lagEvents));
  if (blueGreen) {
    const done = blueGreen.position ? doneGiven(blueGreen.lagEvents) : 0;
    return { requestedAt, requestedBy, eventsToReplay, done, finished: false, error: blueGreen.state === 'failed' ? blueGreen.lastError : null };
  }
  const position = checkpointStored ? status.position : null;
  const checkpoint = position && { transactionId: position.transactionId.toString(), globalPosition: position.globalPosition.toString() };
  const finished = rebuildHasFinished(checkpoint, replayTo);
  const done = finished ? eventsToReplay : checkpoint ? doneGiven(status.lagEvents) : 0;
  return { requestedAt, requestedBy, eventsToReplay, done, finished, error: null };
}

function toOverview(status: SubscriptionStatus): Omit<SubscriptionOverviewResponse, 'rebuild'> {
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
    handlerFailures: status.handlerFailures,
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
