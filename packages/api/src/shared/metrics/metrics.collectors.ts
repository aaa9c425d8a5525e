import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { type ApplicationEvent, EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../database/database-connection';
import { PinoLoggerService } from '../observability/pino-logger.service';
import { AppMetrics } from './app-metrics';
import { observeCommandBus } from './observe-command-bus';

/**
 * Seconds since the oldest transaction holding a transaction id began, 0 when there is none
 * (`greatest` skips the null of an empty `min`, and a transaction that began after this
 * statement's `now()` counts as 0). Other roles' sessions show no `backend_xid` unless the
 * database user may read all statistics (`pg_read_all_stats`).
 */
const OLDEST_TRANSACTION_AGE_SQL = `
  SELECT greatest(extract(epoch FROM now() - min(xact_start)), 0)::float8 AS seconds
  FROM pg_stat_activity
  WHERE backend_xid IS NOT NULL`;

/** Feeds AppMetrics: commands and appended events as they happen, subscriptions, the pool and the oldest open transaction at scrape time. */
@Injectable()
export class MetricsCollectors implements OnModuleInit {
  constructor(
    private readonly metrics: AppMetrics,
    private readonly commandBus: CommandBus,
    private readonly emitter: EventEmitter2,
    private readonly subscriptions: EventsSubscriptionsFactory<unknown>,
    @Inject(DATABASE_CONNECTION) private readonly database: DatabaseConnection,
    private readonly logger: PinoLoggerService,
  ) {}

  onModuleInit(): void {
    observeCommandBus(this.commandBus, this.metrics);
    // The SDK publishes every appended event in process as '<Category>.<EventType>'.
    this.emitter.onAny((_name, event) => this.metrics.eventsAppended.inc({ type: (event as ApplicationEvent).type }));
    this.metrics.onScrape(() => this.collectSubscriptions());
    this.metrics.onScrape(() => this.collectPool());
    this.metrics.onScrape(() => this.collectOldestTransaction());
  }

  private async collectSubscriptions(): Promise<void> {
    const { metrics } = this;
    try {
      // Read at each scrape, not through SubscriptionStatusMonitor: a scrape every 15 s would keep its 0.5 s refresh running for good.
      const statuses = await this.subscriptions.statuses();
      for (const status of statuses) {
        const labels = { subscription: status.subscriptionId };
        metrics.subscriptionPosition.set(labels, Number(status.position?.globalPosition ?? 0n));
        metrics.subscriptionLagEvents.set(labels, status.lagEvents);
        metrics.subscriptionLagSeconds.set(labels, status.lagSeconds);
        metrics.subscriptionHandlerErrors.set(labels, status.handlerFailures);
        metrics.subscriptionParkedEvents.set(labels, status.parkedEvents);
        metrics.subscriptionActive.set(labels, status.active ? 1 : 0);
        metrics.subscriptionFailed.set(labels, status.state === 'failed' ? 1 : 0);
      }
    } catch (error) {
      // A scrape during a database outage still reports everything else.
      this.logger.warn({ msg: 'Cannot read subscription status for metrics', err: error }, 'Metrics');
    }
  }

  private collectPool(): void {
    if (this.database.kind !== 'postgres') return;
    const { pool } = this.database;
    this.metrics.poolConnections.set(pool.totalCount);
    this.metrics.poolIdleConnections.set(pool.idleCount);
    this.metrics.poolWaitingRequests.set(pool.waitingCount);
  }

  /**
   * Page reads see only events older than every transaction still open on the server with a
   * transaction id (`pg_snapshot_xmin`), whatever its database: one left open stalls every
   * subscription. Transactions without one (read-only so far, this scrape's own) hold nothing back.
   * PGlite has no `pg_stat_activity` (nor other sessions): the gauge stays 0 there.
   */
  private async collectOldestTransaction(): Promise<void> {
    if (this.database.kind !== 'postgres') return;
    try {
      const { rows } = await this.database.pool.query<{ seconds: number }>(OLDEST_TRANSACTION_AGE_SQL);
      this.metrics.oldestTransactionAge.set(rows[0]!.seconds);
    } catch (error) {
      this.logger.warn({ msg: 'Cannot read the oldest open transaction for metrics', err: error }, 'Metrics');
    }
  }
}
