import type { ConcurrencyRetryPolicy } from '../application/application-service';
import type { EventStore } from '../core/event-store';
import type { IdGenerator } from '../core/id-generator';
import type { SdkLogger } from '../core/logger';
import type { TimeProvider } from '../core/time-provider';
import type { SubscriptionOptions } from '../subscriptions/subscription-options';
import type { SubscriptionStore } from '../subscriptions/subscription-store';
import type { SubscriptionStatusMonitorOptions } from '../subscriptions/subscription-status-monitor';

export type EventSourcingModuleOptions<Tx = unknown> = Readonly<{
  eventStore: EventStore;
  subscriptionStore: SubscriptionStore<Tx>;
  timeProvider?: TimeProvider;
  idGenerator?: IdGenerator;
  concurrencyRetry?: ConcurrencyRetryPolicy;
  /**
   * Events of recently written streams the application service keeps, in total, so the next
   * command on such a stream skips reading it; the append's expected version still guards it.
   * Default 100,000 (a few tens of MB for small events); 0 reads every stream every time.
   */
  cachedStreamEvents?: number;
  subscriptionDefaults?: Partial<SubscriptionOptions>;
  logger?: SdkLogger;
  /** How often `SubscriptionStatusMonitor` reads the statuses while asked, and how old its answers may be. */
  statusMonitor?: SubscriptionStatusMonitorOptions;
  /** Start every built subscription on application bootstrap (default true); off for one-shot CLI runs. */
  startSubscriptions?: boolean;
}>;
