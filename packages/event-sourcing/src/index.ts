export type { ApplicationEvent, DomainCommand, DomainEvent, EventMetadata, EventToAppend, LogPosition } from './core/events';
export { compareLogPositions, LOG_START, logPositionOf } from './core/events';
export {
  CheckpointMovedError,
  ConcurrencyError,
  DuplicateEventError,
  EventSourcingError,
  EventStoreUnavailableError,
  InvalidAppendError,
  StreamNameError,
  SubscriptionDefinitionError,
} from './core/errors';
export { StreamName } from './core/stream-name';
export { ANY, describeExpectedVersion, matchesExpectedVersion, NO_STREAM, STREAM_EXISTS } from './core/expected-version';
export type { ExpectedVersion } from './core/expected-version';
export type {
  AppendNotification,
  AppendResult,
  EventFilter,
  EventStore,
  LogBacklog,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamResult,
  Unsubscribe,
} from './core/event-store';
export { InMemoryEventStore, matchesFilter } from './core/in-memory-event-store';
export { FixedTimeProvider, systemTimeProvider } from './core/time-provider';
export type { TimeProvider } from './core/time-provider';
export { SequentialIdGenerator, uuidIdGenerator } from './core/id-generator';
export type { IdGenerator } from './core/id-generator';
export { silentLogger } from './core/logger';
export type { LogDetails, SdkLogger } from './core/logger';

export { AbstractApplicationCommand, ApplicationCommandFactory } from './application/application-command';
export type {
  ApplicationCommandClass,
  ApplicationCommandSpec,
  CommandMetadata,
} from './application/application-command';
export { ApplicationService, DEFAULT_CACHED_STREAM_EVENTS, DEFAULT_CONCURRENCY_RETRY } from './application/application-service';
export type { ApplicationServiceOptions, ConcurrencyRetryPolicy, DomainLogic, ExecutionContext, ExecutionResult } from './application/application-service';
export { EventEmitterPublisher, noEventPublisher } from './application/event-publisher';
export type { EventPublisher } from './application/event-publisher';

export { EventsSubscription } from './subscriptions/events-subscription';
export { DEFAULT_SUBSCRIPTION_OPTIONS } from './subscriptions/subscription-options';
export type {
  AfterCommitHandler,
  EventBatchHandler,
  EventHandler,
  InitialPositionHandler,
  PoisonEventPolicy,
  SubscriptionOptions,
  SubscriptionState,
  SubscriptionStatus,
  WaitingFor,
} from './subscriptions/subscription-options';
export { EventsSubscriptionsFactory, SubscriptionBuilder } from './subscriptions/events-subscriptions-factory';
export { InMemorySubscriptionStore } from './subscriptions/in-memory-subscription-store';
export type {
  FailureRecord,
  PersistedSubscriptionState,
  StoredSubscription,
  SubscriptionLease,
  SubscriptionStore,
} from './subscriptions/subscription-store';
