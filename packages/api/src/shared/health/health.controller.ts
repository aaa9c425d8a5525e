import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EventsSubscriptionsFactory, SubscriptionStatusMonitor, type SubscriptionStatus } from '@coderscamp/event-sourcing';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection';
import { isDatabaseUp } from '../database/open-database-connection';
import { HealthStatusResponse, LivenessResponse, ReadinessResponse, type SubscriptionHealthResponse } from './health-status.response';
import { ApiPublic } from '../api-docs/api-security.decorators';

@ApiTags('health')
@ApiPublic()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE_CONNECTION) private readonly database: DatabaseConnection,
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    private readonly statusMonitor: SubscriptionStatusMonitor,
  ) {}

  /**
   * For people and dashboards: always answers, and says what is down or behind. The figures come
   * from a read of the stores made in the background at most a couple of seconds ago (`observedAt`),
   * so that an answer costs no database round trip, however often it is asked and however long the log.
   */
  @Get()
  @ApiOperation({ summary: 'Database and subscription status, for people and dashboards' })
  @ApiOkResponse({ type: HealthStatusResponse })
  async status(): Promise<HealthStatusResponse> {
    let observed: { statuses: readonly SubscriptionStatus[]; observedAt: Date };
    try {
      // A read of the statuses that succeeded proves the database up: probing it as well would add a round trip.
      observed = await this.statusMonitor.latest();
    } catch (error) {
      if (await isDatabaseUp(this.database)) throw error;
      return { status: 'degraded', database: 'down', observedAt: new Date().toISOString(), subscriptions: [] };
    }
    const subscriptions = observed.statuses.map(healthOf);
    const healthy = subscriptions.every((subscription) => subscription.state !== 'failed');
    return { status: healthy ? 'ok' : 'degraded', database: 'up', observedAt: observed.observedAt.toISOString(), subscriptions };
  }

  /** For the orchestrator's liveness probe: the process serves HTTP, nothing more. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness probe: the process serves HTTP' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  /** For the readiness probe: 503 keeps traffic away while the database is unreachable or a subscription has failed. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness probe: 503 while the database is unreachable or a subscription has failed' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ description: 'SERVICE_UNAVAILABLE: the database is unreachable or a subscription has failed' })
  async ready(): Promise<ReadinessResponse> {
    if (!(await isDatabaseUp(this.database))) throw new ServiceUnavailableException('Database is unreachable');
    const failed = this.subscriptions.subscriptions().filter((subscription) => subscription.state === 'failed');
    if (failed.length > 0) {
      throw new ServiceUnavailableException(`Subscriptions failed: ${failed.map((subscription) => subscription.subscriptionId).join(', ')}`);
    }
    return { status: 'ready' };
  }

}

function healthOf(status: SubscriptionStatus): SubscriptionHealthResponse {
  return {
    subscriptionId: status.subscriptionId,
    state: status.state,
    active: status.active,
    partitions: status.partitions.count,
    heldPartitions: [...status.partitions.held],
    lagEvents: status.lagEvents,
    lagExact: status.lagExact,
    lagSeconds: Math.round(status.lagSeconds * 1000) / 1000,
    parkedEvents: status.parkedEvents,
    lastError: status.lastError?.message ?? null,
    waitingFor: status.waitingFor?.subscriptionId ?? null,
  };
}
