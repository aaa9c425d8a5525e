export type { ApplicationEvent, DomainCommand, DomainEvent, EventMetadata, EventToAppend, LogPosition } from './core/events';
export { StreamName } from './core/stream-name';
export { ANY, NO_STREAM, STREAM_EXISTS } from './core/expected-version';
export type { ExpectedVersion } from './core/expected-version';
export {
  ConcurrencyError,
  DuplicateEventError,
  EventSourcingError,
  EventStoreUnavailableError,
  InvalidAppendError,
  ParkedEventNotFoundError,
  RebuildUnderWayError,
  StreamNameError,
  SubscriptionDefinitionError,
  UnknownSchemaVersionError,
  UnknownSubscriptionError,
  UpcasterDefinitionError,
} from './core/errors';
export type { EventStore } from './core/event-store';
export { canReadByCorrelationId, CorrelationReadUnsupportedError, readByCorrelationId } from './core/correlated-events';
export type { CorrelatedEventsReader } from './core/correlated-events';
export { hasStreamCatalog, InvalidCatalogQueryError, streamCatalogOf, StreamCatalogUnsupportedError } from './core/stream-catalog';
export type { ListStreamsOptions, ReadStreamPageOptions, StreamCatalog, StreamCategorySummary, StreamPage, StreamSummary } from './core/stream-catalog';
export { InMemoryEventStore } from './core/in-memory-event-store';
export { systemTimeProvider } from './core/time-provider';
export type { TimeProvider } from './core/time-provider';
export { uuidIdGenerator } from './core/id-generator';
export type { IdGenerator } from './core/id-generator';
export type { SdkLogger } from './core/logger';

export { AbstractApplicationCommand, ApplicationCommandFactory, causedBy, producedBy } from './application/application-command';
export type { ApplicationCommandClass, ApplicationCommandSpec, Cause, CommandCause, CommandResult, CommandTrace } from './application/application-command';
export { ApplicationService } from './application/application-service';
export type { ExecutionResult, StateDecision } from './application/application-service';
export { fold } from './application/decider';
export type { Decider, SnapshotPolicy } from './application/decider';
export { hasSnapshotStore } from './core/snapshots';
export type { ReadFromSnapshotResult, SaveSnapshotOptions, Snapshot, SnapshotKind, SnapshotStore } from './core/snapshots';

export { EventsSubscriptionsFactory } from './subscriptions/events-subscriptions-factory';
export type { EventsSubscription, ParkedEventReplay } from './subscriptions/events-subscription';
export type { ParkedEvent } from './subscriptions/subscription-store';
export { MAX_PARTITIONS, partitionOfStream } from './core/stream-partition';
export type { Partition } from './core/stream-partition';
export type { PartitionsStatus, RebuildState, RebuildStatus, SubscriptionOptions, SubscriptionStatus } from './subscriptions/subscription-options';
export type { SubscriptionDescription } from './subscriptions/events-subscriptions-factory';
export type { ReadDependencies } from './subscriptions/read-dependencies';
export { DEFAULT_STATUS_MONITOR_OPTIONS, SubscriptionStatusMonitor } from './subscriptions/subscription-status-monitor';
export type { ObservedStatuses, SubscriptionStatusMonitorOptions } from './subscriptions/subscription-status-monitor';

export { UpcastingEventStore } from './schema-evolution/upcasting-event-store';
export type { Upcaster } from './schema-evolution/upcaster';
export { ERASED, isErased } from './personal-data/erased';
export type { Erased } from './personal-data/erased';
export { personalData } from './personal-data/personal-data-declaration';
export type { PersonalDataDeclaration } from './personal-data/personal-data-declaration';
export { InMemorySubjectKeyStore } from './personal-data/subject-key-store';
export type { SubjectKeyStore } from './personal-data/subject-key-store';
export { PersonalDataEventStore } from './personal-data/personal-data-event-store';
export type { PersonalDataEventStoreOptions } from './personal-data/personal-data-event-store';
export { PersonalDataSubjectMissingError, PersonalDataUnreadableError, SubjectErasedError } from './personal-data/errors';
