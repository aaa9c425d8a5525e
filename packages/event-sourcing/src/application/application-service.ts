import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import type { ApplicationEvent, DomainEvent, EventMetadata, EventToAppend } from '../core/events';
import { NO_STREAM } from '../core/expected-version';
import type { IdGenerator } from '../core/id-generator';
import { StreamName } from '../core/stream-name';
import type { TimeProvider } from '../core/time-provider';
import { producedBy, type CommandCause } from './application-command';
import { noEventPublisher, type EventPublisher } from './event-publisher';
import { StreamStateCache, type CachedStream } from './stream-state-cache';

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

/** What the NestJS module keeps unless told otherwise: a few tens of MB of small events. */
export const DEFAULT_CACHED_STREAM_EVENTS = 100_000;

export type ApplicationServiceOptions = Readonly<{
  concurrencyRetry?: ConcurrencyRetryPolicy;
  /**
   * Events of recently written streams kept in memory, in total, so a command on one of them
   * skips reading it (0, the default, reads every time). See `ApplicationService`.
   */
  cachedStreamEvents?: number;
}>;

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
 *
 * With `cachedStreamEvents`, the state a command leaves behind is kept, and the next command on
 * the stream decides on it without reading: one round trip, the append, instead of two. The
 * cached state is only trusted where the store confirms it. An append at its version succeeds
 * only if no one else wrote since; if someone did, the command runs again on a fresh read, at
 * once. A decision that appends nothing or fails proves nothing, so it is taken again on a fresh
 * read before it counts.
 */
export class ApplicationService {
  /** The last command queued per stream, while any runs; the next one waits for it. */
  private readonly streamQueues = new Map<string, Promise<unknown>>();
  private readonly retryPolicy: ConcurrencyRetryPolicy;
  private readonly cache: StreamStateCache;

  constructor(
    private readonly eventStore: EventStore,
    private readonly timeProvider: TimeProvider,
    private readonly idGenerator: IdGenerator,
    private readonly publisher: EventPublisher = noEventPublisher,
    options: ApplicationServiceOptions = {},
  ) {
    this.retryPolicy = options.concurrencyRetry ?? DEFAULT_CONCURRENCY_RETRY;
    this.cache = new StreamStateCache(options.cachedStreamEvents ?? 0);
  }

  async execute<E extends DomainEvent>(
    streamName: StreamName | string,
    context: ExecutionContext,
    domainLogic: DomainLogic<E>,
  ): Promise<ExecutionResult<E>> {
    const stream = StreamName.from(streamName);
    return this.inTurnOn(stream.toString(), () => this.executeWithRetries(stream, context, domainLogic));
  }

  /**
   * `execute` for a command: the events it produces carry its correlation id, its id as causation,
   * and what caused it (`producedBy`):
   * `applicationService.handle(taskStream(id), command, (past) => completeTask(past, command))`.
   */
  async handle<E extends DomainEvent>(streamName: StreamName | string, command: CommandCause, domainLogic: DomainLogic<E>): Promise<ExecutionResult<E>> {
    return this.execute(streamName, producedBy(command), domainLogic);
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
    const streamName = stream.toString();
    let cached = this.cache.get(streamName);
    for (let attempt = 1; ; ) {
      try {
        return await this.executeOnce(stream, context, domainLogic, cached);
      } catch (error) {
        this.cache.delete(streamName);
        if (cached && (error instanceof UnconfirmedDecision || error instanceof ConcurrencyError)) {
          // The cached state was stale, or could not be confirmed: decide again on what the store holds.
          cached = undefined;
          continue;
        }
        if (!(error instanceof ConcurrencyError) || attempt >= this.retryPolicy.maxAttempts) throw error;
        await sleep(this.backoffBefore(attempt++));
      }
    }
  }

  /** Reads (unless given the cached state), decides and appends. A decision on cached state that appends nothing or fails throws `UnconfirmedDecision`. */
  private async executeOnce<E extends DomainEvent>(
    stream: StreamName,
    context: ExecutionContext,
    domainLogic: DomainLogic<E>,
    cached: CachedStream | undefined,
  ): Promise<ExecutionResult<E>> {
    const streamName = stream.toString();
    const state = cached ?? (await this.readState(stream));
    const decided = cached ? await unconfirmed(() => domainLogic([...state.events] as E[])) : await domainLogic([...state.events] as E[]);
    if (decided.length === 0) {
      if (cached) throw new UnconfirmedDecision();
      return { streamName, events: [], streamVersion: state.version };
    }

    const occurredAt = this.timeProvider.currentTime();
    const toAppend = decided.map(
      (event) => ({ type: event.type, data: event.data, id: this.idGenerator.generate(), metadata: context, occurredAt }) as EventToAppend<E>,
    );
    const result = await this.eventStore.appendToStream<E>(stream, toAppend, {
      expectedVersion: state.version === 0 ? NO_STREAM : state.version,
    });
    if (this.cache.enabled) this.cache.extend(streamName, state, decided, result.nextExpectedVersion);
    this.publisher.publish(result.events as ApplicationEvent[]);
    return { streamName, events: result.events, streamVersion: result.nextExpectedVersion };
  }

  private async readState(stream: StreamName): Promise<CachedStream> {
    const { events, currentVersion } = await this.eventStore.readStream(stream);
    const state = events.map((event) => ({ type: event.type, data: event.data }) as DomainEvent);
    return this.cache.enabled ? this.cache.remember(stream.toString(), state, currentVersion) : { events: state, version: currentVersion };
  }

  private backoffBefore(retry: number): number {
    const ceiling = Math.min(this.retryPolicy.maxDelayMs, this.retryPolicy.baseDelayMs * 2 ** (retry - 1));
    return Math.random() * ceiling;
  }
}

/** A decision on cached state that appends nothing or fails: only a fresh read can confirm it. */
class UnconfirmedDecision extends Error {}

async function unconfirmed<T>(decide: () => T | Promise<T>): Promise<T> {
  try {
    return await decide();
  } catch {
    throw new UnconfirmedDecision();
  }
}
