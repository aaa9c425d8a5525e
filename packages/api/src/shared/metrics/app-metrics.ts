import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast health check to a slow command with retries. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type CommandOutcome = 'success' | 'rejected' | 'conflict' | 'unavailable' | 'error';

/**
 * Every metric the app exports, in a registry of its own (two app instances in one process,
 * as in tests, must not share counters). Metrics read at scrape time (subscriptions, pool, open
 * transactions) are gauges set by the hooks given to `onScrape`.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly scrapeHooks: (() => Promise<void> | void)[] = [];

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  readonly commandsHandled = new Counter({
    name: 'commands_handled_total',
    help: 'Commands executed through the command bus, by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly commandsRejected = new Counter({
    name: 'commands_rejected_total',
    help: 'Commands the command bus did not complete, by type and the stable code of the error (the code an HTTP client gets)',
    labelNames: ['type', 'code'] as const,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'command_handling_duration_seconds',
    help: 'Time to handle a command, retries included, by type',
    labelNames: ['type'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'events_appended_total',
    help: 'Events appended by this instance, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly subscriptionPosition = this.subscriptionGauge('subscription_position', 'Global position of the last event the subscription checkpointed');
  readonly subscriptionLagEvents = this.subscriptionGauge('subscription_lag_events', 'Events written after the subscription position');
  readonly subscriptionLagSeconds = this.subscriptionGauge('subscription_lag_seconds', 'Age of the oldest event the subscription has not handled');
  readonly subscriptionHandlerErrors = this.subscriptionGauge('subscription_handler_errors', 'Handler failures seen by this instance since it started');
  readonly subscriptionParkedEvents = this.subscriptionGauge('subscription_parked_events', 'Events parked after repeated handler failures');
  readonly subscriptionActive = this.subscriptionGauge('subscription_active', '1 when this instance runs the subscription, 0 on standby');
  readonly subscriptionFailed = this.subscriptionGauge('subscription_failed', '1 when the subscription stopped on a failing event');

  readonly poolConnections = this.databaseGauge('db_pool_connections', 'Connections the database pool holds, busy or idle');
  readonly poolIdleConnections = this.databaseGauge('db_pool_idle_connections', 'Idle connections in the database pool');
  readonly poolWaitingRequests = this.databaseGauge('db_pool_waiting_requests', 'Queries waiting for a free connection');
  readonly oldestTransactionAge = this.databaseGauge(
    'db_oldest_transaction_age_seconds',
    'Age of the oldest open transaction holding a transaction id on the database server, any database: subscriptions see no event committed since it began',
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  onScrape(hook: () => Promise<void> | void): void {
    this.scrapeHooks.push(hook);
  }

  /** The Prometheus text exposition, with the scrape-time gauges brought up to date first. */
  async scrape(): Promise<string> {
    await Promise.all(this.scrapeHooks.map((hook) => hook()));
    return this.registry.metrics();
  }

  private subscriptionGauge(name: string, help: string): Gauge<'subscription'> {
    return new Gauge({ name, help, labelNames: ['subscription'] as const, registers: [this.registry] });
  }

  private databaseGauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }
}
