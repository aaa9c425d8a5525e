import type { CorrelationIdSource } from '../application/application-command';
import type { ConcurrencyRetryPolicy } from '../application/application-service';
import type { EventStore } from '../core/event-store';
import type { IdGenerator } from '../core/id-generator';
import type { SdkLogger } from '../core/logger';
import type { TimeProvider } from '../core/time-provider';
import type { SubscriptionOptions } from '../subscriptions/events-subscription';
import type { SubscriptionStore } from '../subscriptions/subscription-store';

export type EventSourcingModuleOptions<Tx = unknown> = Readonly<{
  eventStore: EventStore;
  subscriptionStore: SubscriptionStore<Tx>;
  timeProvider?: TimeProvider;
  idGenerator?: IdGenerator;
  /** Where commands take their correlation id from when the caller gives none (e.g. the HTTP request). */
  correlationIdSource?: CorrelationIdSource;
  concurrencyRetry?: ConcurrencyRetryPolicy;
  subscriptionDefaults?: Partial<SubscriptionOptions>;
  logger?: SdkLogger;
  /** Start every built subscription on application bootstrap (default true); off for one-shot CLI runs. */
  startSubscriptions?: boolean;
}>;
