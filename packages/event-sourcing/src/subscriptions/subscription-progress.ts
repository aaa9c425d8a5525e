import type { ApplicationEvent, LogPosition } from '../core/events';
import type { SubscriptionState, WaitingFor } from './subscription-options';
import type { FailureRecord } from './subscription-store';

/**
 * What one subscription is doing and has done in this process, for `status()`: its lifecycle
 * writes the states around leading (starting, standby, stopped), its lead loop the rest.
 */
export class SubscriptionProgress {
  state: SubscriptionState = 'stopped';
  /** Handled (or scanned past) up to here while this process leads. */
  position: LogPosition | null = null;
  lastError: FailureRecord | null = null;
  processedEvents = 0;
  handlerFailures = 0;
  parkedEvents = 0;
  waitingFor: WaitingFor | null = null;

  recordFailure(event: ApplicationEvent, cause: unknown, attempts: number): FailureRecord {
    this.lastError = {
      eventId: event.id,
      eventType: event.type,
      globalPosition: event.globalPosition,
      message: describeError(cause),
      attempts,
      failedAt: new Date(),
    };
    return this.lastError;
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failure record as a log line's details: JSON loggers cannot serialize its bigint position. */
export function loggedFailure(failure: FailureRecord): Record<string, unknown> {
  return { ...failure, globalPosition: failure.globalPosition.toString() };
}
