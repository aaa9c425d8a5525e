import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import type { ApplicationEvent, DomainEvent, EventMetadata, EventToAppend } from '../core/events';
import { NO_STREAM } from '../core/expected-version';
import type { IdGenerator } from '../core/id-generator';
import { StreamName } from '../core/stream-name';
import type { TimeProvider } from '../core/time-provider';
import { noEventPublisher, type EventPublisher } from './event-publisher';

/** Metadata for the events a command produces; `causationId` is the command's id. */
export type ExecutionContext = EventMetadata;

export type DomainLogic<E extends DomainEvent> = (pastEvents: E[]) => E[] | Promise<E[]>;

export type ExecutionResult<E extends DomainEvent = DomainEvent> = Readonly<{
  streamName: string;
  events: ApplicationEvent<E>[];
  /** Stream version after the command; unchanged when the decision produced no events. */
  streamVersion: number;
}>;

export type ConcurrencyRetryPolicy = Readonly<{
  /** Total tries of read → decide → append, the first included. */
  maxAttempts: number;
  /** Back-off before retry n is a random time up to min(maxDelayMs, baseDelayMs · 2^(n-1)). */
  baseDelayMs: number;
  maxDelayMs: number;
}>;

export const DEFAULT_CONCURRENCY_RETRY: ConcurrencyRetryPolicy = { maxAttempts: 10, baseDelayMs: 2, maxDelayMs: 100 };

/**
 * Runs one command against one stream: read its events, let the pure domain logic decide, append
 * the decision with the stream's version as the expected version, publish in process. A lost race
 * re-runs the whole cycle on fresh events, a bounded number of times.
 *
 * Commands on one stream run one after another within the process. Racing, a burst of them (a
 * webhook storm on one learning-materials stream) would have every one but the winner read,
 * decide and lose again each round, and the burst would take rounds times as long; in turn, each
 * reads the stream its predecessor left and appends at once. The expected version still guards
 * against writers elsewhere: other processes, or other code appending to the stream.
 */
export class ApplicationService {
  /** The last command queued per stream, while any runs; the next one waits for it. */
  private readonly streamQueues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly timeProvider: TimeProvider,
    private readonly idGenerator: IdGenerator,
    private readonly publisher: EventPublisher = noEventPublisher,
    private readonly retryPolicy: ConcurrencyRetryPolicy = DEFAULT_CONCURRENCY_RETRY,
  ) {}

  async execute<E extends DomainEvent>(
    streamName: StreamName | string,
    context: ExecutionContext,
    domainLogic: DomainLogic<E>,
  ): Promise<ExecutionResult<E>> {
    const stream = StreamName.from(streamName);
    return this.inTurnOn(stream.toString(), () => this.executeWithRetries(stream, context, domainLogic));
  }

  private async inTurnOn<T>(streamName: string, command: () => Promise<T>): Promise<T> {
    const previous = this.streamQueues.get(streamName) ?? Promise.resolve();
    const turn = previous.then(command, command);
    const settled = turn.catch(() => undefined);
    this.streamQueues.set(streamName, settled);
    try {
      return await turn;
    } finally {
      // The last in line clears the entry, so the map holds only streams with commands in flight.
      if (this.streamQueues.get(streamName) === settled) this.streamQueues.delete(streamName);
    }
  }

  private async executeWithRetries<E extends DomainEvent>(
    stream: StreamName,
    context: ExecutionContext,
    domainLogic: DomainLogic<E>,
  ): Promise<ExecutionResult<E>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.executeOnce(stream, context, domainLogic);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= this.retryPolicy.maxAttempts) throw error;
        await sleep(this.backoffBefore(attempt));
      }
    }
  }

  private async executeOnce<E extends DomainEvent>(
    stream: StreamName,
    context: ExecutionContext,
    domainLogic: DomainLogic<E>,
  ): Promise<ExecutionResult<E>> {
    const { events: stored, currentVersion } = await this.eventStore.readStream<E>(stream);
    const pastEvents = stored.map((event) => ({ type: event.type, data: event.data }) as E);
    const decided = await domainLogic(pastEvents);
    if (decided.length === 0) return { streamName: stream.toString(), events: [], streamVersion: currentVersion };

    const occurredAt = this.timeProvider.currentTime();
    const toAppend = decided.map(
      (event) => ({ type: event.type, data: event.data, id: this.idGenerator.generate(), metadata: context, occurredAt }) as EventToAppend<E>,
    );
    const result = await this.eventStore.appendToStream<E>(stream, toAppend, {
      expectedVersion: currentVersion === 0 ? NO_STREAM : currentVersion,
    });
    this.publisher.publish(result.events as ApplicationEvent[]);
    return { streamName: stream.toString(), events: result.events, streamVersion: result.nextExpectedVersion };
  }

  private backoffBefore(retry: number): number {
    const ceiling = Math.min(this.retryPolicy.maxDelayMs, this.retryPolicy.baseDelayMs * 2 ** (retry - 1));
    return Math.random() * ceiling;
  }
}
