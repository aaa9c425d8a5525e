export { compareLogPositions, LOG_START, logPositionOf } from '../core/events';
export { describeExpectedVersion, matchesExpectedVersion } from '../core/expected-version';
export { CheckpointMovedError } from '../core/errors';
export { EXACT_BACKLOG_LIMIT } from '../core/event-store';
export type {
  AppendNotification,
  AppendResult,
  EventFilter,
  LogBacklog,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamResult,
  Unsubscribe,
} from '../core/event-store';
export { matchesFilter } from '../core/in-memory-event-store';
export { assertPageOptions, compareByCodePoint, streamIdMatches } from '../core/stream-catalog';
export { silentLogger } from '../core/logger';
export type { LogDetails } from '../core/logger';

export type { ApplicationCommandSpec, CommandMetadata } from '../application/application-command';
export { DEFAULT_CACHED_STREAM_EVENTS, DEFAULT_CONCURRENCY_RETRY } from '../application/application-service';
export type { ApplicationServiceOptions, ConcurrencyRetryPolicy, DomainLogic, ExecutionContext } from '../application/application-service';
export { EventEmitterPublisher, noEventPublisher } from '../application/event-publisher';
export type { EventPublisher, NamedEventEmitter } from '../application/event-publisher';

export { EventsSubscription } from '../subscriptions/events-subscription';
export { SubscriptionBuilder } from '../subscriptions/events-subscriptions-factory';
export { InMemorySubscriptionStore } from '../subscriptions/in-memory-subscription-store';
export type { RebuildStore, RebuildTables } from '../subscriptions/rebuild-tables';
export { DEFAULT_SUBSCRIPTION_OPTIONS } from '../subscriptions/subscription-options';
export type {
  AfterCommitHandler,
  EventBatchHandler,
  EventHandler,
  InitialPositionHandler,
  PoisonEventPolicy,
  SubscriptionState,
  WaitingFor,
} from '../subscriptions/subscription-options';
export type {
  FailureRecord,
  PersistedSubscriptionState,
  StoredSubscription,
  SubscriptionInstance,
  SubscriptionLease,
  SubscriptionStore,
} from '../subscriptions/subscription-store';
