/** Base of every error the SDK raises on purpose; `code` is stable and safe to match on. */
export abstract class EventSourcingError extends Error {
  abstract readonly code: string;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class StreamNameError extends EventSourcingError {
  readonly code = 'INVALID_STREAM_NAME';

  constructor(readonly streamName: string, reason: string) {
    super(`Invalid stream name "${streamName}": ${reason}`);
  }
}

/** The stream was not at the expected version when the append tried to commit. */
export class ConcurrencyError extends EventSourcingError {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(
    readonly streamName: string,
    readonly expectedVersion: string,
    readonly actualVersion?: number,
  ) {
    super(
      `Stream "${streamName}" was expected at version ${expectedVersion}` +
        (actualVersion === undefined ? ' but was changed concurrently' : ` but is at ${actualVersion}`),
    );
  }
}

/** An event with this id is already stored: appends are not silently repeated. */
export class DuplicateEventError extends EventSourcingError {
  readonly code = 'DUPLICATE_EVENT_ID';

  constructor(readonly eventIds: readonly string[]) {
    super(`Event id already stored: ${eventIds.join(', ')}`);
  }
}

export class InvalidAppendError extends EventSourcingError {
  readonly code = 'INVALID_APPEND';

  constructor(message: string) {
    super(message);
  }
}

export class SubscriptionDefinitionError extends EventSourcingError {
  readonly code = 'INVALID_SUBSCRIPTION';

  constructor(message: string) {
    super(message);
  }
}

/** Another process moved the checkpoint: this one is no longer the subscription's only runner. */
export class CheckpointMovedError extends EventSourcingError {
  readonly code = 'CHECKPOINT_MOVED';

  constructor(readonly subscriptionId: string) {
    super(`Checkpoint of subscription "${subscriptionId}" was moved by another process`);
  }
}

/** A blue/green rebuild of the subscription is building already, in this process or another. */
export class RebuildUnderWayError extends EventSourcingError {
  readonly code = 'REBUILD_UNDER_WAY';

  constructor(readonly subscriptionId: string) {
    super(`Subscription "${subscriptionId}" is rebuilding already`);
  }
}

/** The database could not be reached or failed while serving the SDK. */
export class EventStoreUnavailableError extends EventSourcingError {
  readonly code = 'EVENT_STORE_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/**
 * A stored event's schema version is one this code cannot read: newer than its upcasters reach
 * (written by a newer release) or not a version at all. Reading on would hand a decision or a
 * projection data of a shape it does not know.
 */
export class UnknownSchemaVersionError extends EventSourcingError {
  readonly code = 'UNKNOWN_SCHEMA_VERSION';

  constructor(
    readonly eventType: string,
    readonly storedVersion: number,
    readonly knownVersion: number,
    readonly eventId?: string,
  ) {
    super(
      `Event${eventId === undefined ? '' : ` ${eventId}`} of type "${eventType}" has schema version ${storedVersion}, ` +
        `but this code knows versions 1 to ${knownVersion}`,
    );
  }
}

/** Upcasters registered with a gap, twice for one version, or from a version below 1. */
export class UpcasterDefinitionError extends EventSourcingError {
  readonly code = 'INVALID_UPCASTER';

  constructor(message: string) {
    super(message);
  }
}

/** No subscription of that id is defined in this process. */
export class UnknownSubscriptionError extends EventSourcingError {
  readonly code = 'UNKNOWN_SUBSCRIPTION';

  constructor(readonly subscriptionId: string) {
    super(`No subscription "${subscriptionId}" is defined`);
  }
}

/** The subscription has no unresolved parked event of that id: never parked, or already replayed or skipped. */
export class ParkedEventNotFoundError extends EventSourcingError {
  readonly code = 'PARKED_EVENT_NOT_FOUND';

  constructor(
    readonly subscriptionId: string,
    readonly eventId: string,
  ) {
    super(`Subscription "${subscriptionId}" has no parked event "${eventId}"`);
  }
}
