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

/** The database could not be reached or failed while serving the SDK. */
export class EventStoreUnavailableError extends EventSourcingError {
  readonly code = 'EVENT_STORE_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
