import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import type { ApplicationEvent, DomainEvent, EventMetadata, EventToAppend } from '../core/events';
import { NO_STREAM } from '../core/expected-version';
import type { IdGenerator } from '../core/id-generator';
import { silentLogger, type SdkLogger } from '../core/logger';
import { StreamName } from '../core/stream-name';
import type { TimeProvider } from '../core/time-provider';
import { producedBy, type CommandCause } from './application-command';
import { noEventPublisher, type EventPublisher } from './event-publisher';
import { hasSnapshotStore, type ReadFromSnapshotResult, type Snapshot, type SnapshotKind } from '../core/snapshots';
import type { Decider } from './decider';
import { StreamStateCache, type CachedStream } from './stream-state-cache';
import { PAST_EVENTS_MODEL, deepFreeze, streamModelOf, type StreamModel } from './stream-model';

/** Metadata for the events a command produces; `causationId` is the command's id. */
export type ExecutionContext = EventMetadata;

export type DomainLogic<E extends DomainEvent> = (pastEvents: E[]) => E[] | Promise<E[]>;

/** A decision on a decider's folded state. */
export type StateDecision<State, E extends DomainEvent> = (state: State) => E[] | Promise<E[]>;

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
   * skips reading it (0, the default, reads every time); a decider's folded state counts as one.
   * See `ApplicationService`.
   */
  cachedStreamEvents?: number;
  /** Told of what fails outside a command's own outcome: a snapshot that could not be saved. */
  logger?: SdkLogger;
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
 *
 * A decision on a decider's state (`handleOnState`) reads the stream's snapshot and only the events
 * after it, when the decider snapshots and the store keeps snapshots; once the stream has grown
 * `everyEvents` past its snapshot, a new one is saved beside the command, not in its way.
 */
export class ApplicationService {
  /** The last command queued per stream, while any runs; the next one waits for it. */
  private readonly streamQueues = new Map<string, Promise<unknown>>();
  private readonly retryPolicy: ConcurrencyRetryPolicy;
  private readonly cache: StreamStateCache;
  private readonly logger: SdkLogger;
  private readonly snapshotsBeingSaved = new Set<Promise<void>>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly timeProvider: TimeProvider,
    private readonly idGenerator: IdGenerator,
    private readonly publisher: EventPublisher = noEventPublisher,
    options: ApplicationServiceOptions = {},
  ) {
    this.retryPolicy = options.concurrencyRetry ?? DEFAULT_CONCURRENCY_RETRY;
    this.cache = new StreamStateCache(options.cachedStreamEvents ?? 0);
    this.logger = options.logger ?? silentLogger;
  }

  async execute<E extends DomainEvent>(
    streamName: StreamName | string,
    context: ExecutionContext,
    domainLogic: DomainLogic<E>,
  ): Promise<ExecutionResult<E>> {
    return this.run(streamName, context, PAST_EVENTS_MODEL, domainLogic);
  }

  /**
   * `execute` for a command: the events it produces carry its correlation id, its id as causation,
   * and what caused it (`producedBy`):
   * `applicationService.handle(taskStream(id), command, (past) => completeTask(past, command))`.
   */
  async handle<E extends DomainEvent>(streamName: StreamName | string, command: CommandCause, domainLogic: DomainLogic<E>): Promise<ExecutionResult<E>> {
    return this.execute(streamName, producedBy(command), domainLogic);
  }

  /** `execute`, deciding on the decider's state rather than on the past events. */
  async executeOnState<State, E extends DomainEvent>(
    streamName: StreamName | string,
    context: ExecutionContext,
    decider: Decider<State, E>,
    decision: StateDecision<State, E>,
  ): Promise<ExecutionResult<E>> {
    return this.run(streamName, context, streamModelOf(decider), decision);
  }

  /**
   * `handle`, deciding on the decider's state:
   * `applicationService.handleOnState(tasksStream(id), command, learningMaterialsTasks, (state) => completeTask(state, command))`.
   */
  async handleOnState<State, E extends DomainEvent>(
    streamName: StreamName | string,
    command: CommandCause,
    decider: Decider<State, E>,
    decision: StateDecision<State, E>,
  ): Promise<ExecutionResult<E>> {
    return this.executeOnState(streamName, producedBy(command), decider, decision);
  }

  /** Resolves once the snapshots being saved now are saved (or failed: a snapshot only saves reading). */
  async snapshotsSaved(): Promise<void> {
    await Promise.all([...this.snapshotsBeingSaved]);
  }

  private run<S, E extends DomainEvent>(
    streamName: StreamName | string,
    context: ExecutionContext,
    model: StreamModel<S>,
    decision: (seen: never) => E[] | Promise<E[]>,
  ): Promise<ExecutionResult<E>> {
    const stream = StreamName.from(streamName);
    return this.inTurnOn(stream.toString(), () => this.executeWithRetries(stream, context, model, decision));
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

  private async executeWithRetries<S, E extends DomainEvent>(
    stream: StreamName,
    context: ExecutionContext,
    model: StreamModel<S>,
    decision: (seen: never) => E[] | Promise<E[]>,
  ): Promise<ExecutionResult<E>> {
    const streamName = stream.toString();
    let cached = this.cache.get<S>(streamName, model);
    for (let attempt = 1; ; ) {
      try {
        return await this.executeOnce(stream, context, model, decision, cached);
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
  private async executeOnce<S, E extends DomainEvent>(
    stream: StreamName,
    context: ExecutionContext,
    model: StreamModel<S>,
    decision: (seen: never) => E[] | Promise<E[]>,
    cached: CachedStream<S> | undefined,
  ): Promise<ExecutionResult<E>> {
    const streamName = stream.toString();
    const current = cached ?? (await this.read(stream, model));
    const seen = model.handedOut(current.state) as never;
    const decided = cached ? await unconfirmed(() => decision(seen)) : await decision(seen);
    if (decided.length === 0) {
      if (cached) throw new UnconfirmedDecision();
      return { streamName, events: [], streamVersion: current.version };
    }

    const occurredAt = this.timeProvider.currentTime();
    const toAppend = decided.map(
      (event) => ({ type: event.type, data: event.data, id: this.idGenerator.generate(), metadata: context, occurredAt }) as EventToAppend<E>,
    );
    const result = await this.eventStore.appendToStream<E>(stream, toAppend, {
      expectedVersion: current.version === 0 ? NO_STREAM : current.version,
    });
    this.keepStateAfterAppend(stream, model, current, decided, result.nextExpectedVersion);
    this.publisher.publish(result.events as ApplicationEvent[]);
    return { streamName, events: result.events, streamVersion: result.nextExpectedVersion };
  }

  /** The stream's state as the store holds it: from its snapshot where the model and the store have them. */
  private async read<S>(stream: StreamName, model: StreamModel<S>): Promise<CachedStream<S>> {
    const snapshots = model.snapshots;
    const read: ReadFromSnapshotResult =
      snapshots && hasSnapshotStore(this.eventStore) ? await this.eventStore.readStreamFromSnapshot(stream, snapshots) : await this.eventStore.readStream(stream);
    const snapshot = read.snapshot;
    const events = read.events.map((event) => ({ type: event.type, data: event.data }) as DomainEvent);
    const from = snapshot ? deepFreeze(snapshot.state as S) : model.initialState();
    return this.remember(stream, model, { model, state: model.extended(from, events), version: read.currentVersion, snapshotVersion: snapshot?.version ?? 0 });
  }

  /**
   * The state after the append, for the cache and the snapshot. The appended events are copied
   * through JSON, as the store keeps them, so a decision sees the same values whether the state
   * comes from here or from the store: no Dates, no undefined fields.
   */
  private keepStateAfterAppend<S>(stream: StreamName, model: StreamModel<S>, previous: CachedStream<S>, appended: readonly DomainEvent[], version: number): void {
    if (!this.cache.enabled && !model.snapshots) return;
    const stored = appended.map((event) => ({ type: event.type, data: JSON.parse(JSON.stringify(event.data ?? null)) as unknown }) as DomainEvent);
    try {
      this.remember(stream, model, { ...previous, state: model.extended(previous.state, stored), version });
    } catch {
      // The events are stored: a fold that fails here (an evolve that changes a frozen state) only costs the next command a read.
      this.cache.delete(stream.toString());
    }
  }

  /**
   * Holds the state in the cache and, once the stream has grown enough past its snapshot, saves a
   * new one; returns the state with the snapshot it now knows of.
   */
  private remember<S>(stream: StreamName, model: StreamModel<S>, state: CachedStream<S>): CachedStream<S> {
    const policy = model.snapshots;
    const dueSnapshot = policy !== undefined && state.version - state.snapshotVersion >= policy.everyEvents;
    const held = dueSnapshot ? { ...state, snapshotVersion: state.version } : state;
    if (this.cache.enabled) this.cache.remember(stream.toString(), held, model.weight(state.state));
    if (dueSnapshot) this.saveSnapshotInBackground(stream, policy, { version: state.version, state: state.state });
    return held;
  }

  /** Over a store without snapshots, nothing to save. */
  private saveSnapshotInBackground(stream: StreamName, kind: SnapshotKind, snapshot: Snapshot): void {
    if (!hasSnapshotStore(this.eventStore)) return;
    const saving = this.eventStore
      .saveSnapshot(stream, kind, snapshot)
      // A snapshot that failed to save costs later commands a longer read, nothing more; the next one due tries again.
      .catch((error: unknown) =>
        this.logger.warn('Snapshot not saved', { streamName: stream.toString(), snapshot: kind.name, version: snapshot.version, error: String(error) }),
      )
      .finally(() => this.snapshotsBeingSaved.delete(saving));
    this.snapshotsBeingSaved.add(saving);
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
