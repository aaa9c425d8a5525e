import { CheckpointMovedError, EventStoreUnavailableError, ParkedEventNotFoundError } from '../core/errors';
import { compareLogPositions, LOG_START, logPositionOf, type ApplicationEvent, type LogPosition } from '../core/events';
import type {
  FailureRecord,
  ParkedEvent,
  ParkedEventResolution,
  PersistedSubscriptionState,
  StoredSubscription,
  SubscriptionInstance,
  SubscriptionLease,
  SubscriptionStore,
} from './subscription-store';

type Parked = { event: ParkedEvent; resolution: ParkedEventResolution | null };

type Announcement = { instance: SubscriptionInstance; announcedAt: number };

type Entry = { position: LogPosition; state: PersistedSubscriptionState; lastError: FailureRecord | null; parked: Parked[]; updatedAt: Date };

/**
 * Checkpoints in process memory. Handlers get no transaction (`undefined`): use it for automations
 * and unit tests, not for read models whose writes must commit with the checkpoint.
 */
export class InMemorySubscriptionStore implements SubscriptionStore<undefined> {
  readonly transactional = false;
  private readonly entries = new Map<string, Entry>();
  private readonly leases = new Set<string>();
  /** Per subscription, the instances that announced themselves, by instance id. */
  private readonly instances = new Map<string, Map<string, Announcement>>();

  isUnavailable(error: unknown): boolean {
    return error instanceof EventStoreUnavailableError;
  }

  async tryAcquire(subscriptionId: string): Promise<SubscriptionLease | null> {
    if (this.leases.has(subscriptionId)) return null;
    this.leases.add(subscriptionId);
    let held = true;
    return {
      isHeld: () => held,
      release: async () => {
        if (held) this.leases.delete(subscriptionId);
        held = false;
      },
    };
  }

  async initialize(
    subscriptionId: string,
    onInitialPosition: (tx: undefined) => Promise<void>,
    group: readonly string[] = [subscriptionId],
  ): Promise<LogPosition> {
    const existing = this.entries.get(subscriptionId);
    if (existing) return existing.position;
    await onInitialPosition(undefined);
    for (const id of group) {
      if (!this.entries.has(id)) this.entries.set(id, { position: LOG_START, state: 'active', lastError: null, parked: [], updatedAt: new Date() });
    }
    return this.entries.get(subscriptionId)!.position;
  }

  async commit(subscriptionId: string, from: LogPosition, to: LogPosition, work: (tx: undefined) => Promise<void>): Promise<void> {
    const entry = this.requireAt(subscriptionId, from);
    await work(undefined);
    this.requireAt(subscriptionId, from);
    entry.position = to;
    entry.updatedAt = new Date();
  }

  async withoutTransaction(work: (tx: undefined) => Promise<void>): Promise<void> {
    await work(undefined);
  }

  async park(subscriptionId: string, from: LogPosition, event: ApplicationEvent, failure: FailureRecord): Promise<void> {
    const entry = this.requireAt(subscriptionId, from);
    const parked: ParkedEvent = {
      eventId: event.id,
      eventType: event.type,
      streamName: event.streamName,
      position: logPositionOf(event),
      error: failure.message,
      attempts: failure.attempts,
      failedAt: failure.failedAt,
    };
    entry.parked.push({ event: parked, resolution: null });
    entry.lastError = failure;
    entry.position = { transactionId: event.transactionId, globalPosition: event.globalPosition };
    entry.updatedAt = new Date();
  }

  async recordState(subscriptionId: string, state: PersistedSubscriptionState, lastError: FailureRecord | null): Promise<void> {
    const entry = this.entries.get(subscriptionId);
    if (!entry) return;
    entry.state = state;
    entry.lastError = lastError;
    entry.updatedAt = new Date();
  }

  async find(subscriptionId: string): Promise<StoredSubscription | null> {
    const entry = this.entries.get(subscriptionId);
    return entry ? toStored(subscriptionId, entry) : null;
  }

  async list(): Promise<StoredSubscription[]> {
    return [...this.entries].map(([id, entry]) => toStored(id, entry));
  }

  async listParked(subscriptionId: string): Promise<ParkedEvent[]> {
    return (this.entries.get(subscriptionId)?.parked ?? []).filter(isUnresolved).map(({ event }) => event);
  }

  async resolveParked(subscriptionId: string, eventId: string, resolution: ParkedEventResolution, work: (tx: undefined) => Promise<void>): Promise<void> {
    const parked = this.requireParked(subscriptionId, eventId);
    // Resolved before the work runs, as a row lock would: a second replay meanwhile finds it taken.
    parked.resolution = resolution;
    try {
      await work(undefined);
    } catch (error) {
      parked.resolution = null;
      throw error;
    }
  }

  async recordParkedFailure(subscriptionId: string, eventId: string, error: string): Promise<ParkedEvent> {
    const parked = this.requireParked(subscriptionId, eventId);
    parked.event = { ...parked.event, error, attempts: parked.event.attempts + 1, failedAt: new Date() };
    return parked.event;
  }

  async reset(...subscriptionIds: string[]): Promise<void> {
    subscriptionIds.forEach((subscriptionId) => this.entries.delete(subscriptionId));
  }

  async announce(subscriptionId: string, instance: SubscriptionInstance, livenessMs: number): Promise<SubscriptionInstance[]> {
    const announced = this.instances.get(subscriptionId) ?? new Map<string, Announcement>();
    this.instances.set(subscriptionId, announced);
    const now = Date.now();
    announced.set(instance.instanceId, { instance, announcedAt: now });
    return [...announced.values()].filter(({ announcedAt }) => now - announcedAt < livenessMs).map((entry) => entry.instance);
  }

  async withdraw(subscriptionId: string, instanceId: string): Promise<void> {
    this.instances.get(subscriptionId)?.delete(instanceId);
  }

  private requireParked(subscriptionId: string, eventId: string): Parked {
    const parked = this.entries.get(subscriptionId)?.parked.find((candidate) => candidate.event.eventId === eventId);
    if (!parked || !isUnresolved(parked)) throw new ParkedEventNotFoundError(subscriptionId, eventId);
    return parked;
  }

  private requireAt(subscriptionId: string, from: LogPosition): Entry {
    const entry = this.entries.get(subscriptionId);
    if (!entry || compareLogPositions(entry.position, from) !== 0) throw new CheckpointMovedError(subscriptionId);
    return entry;
  }
}

function toStored(subscriptionId: string, entry: Entry): StoredSubscription {
  return {
    subscriptionId,
    position: entry.position,
    state: entry.state,
    lastError: entry.lastError,
    parkedEvents: entry.parked.filter(isUnresolved).length,
    updatedAt: entry.updatedAt,
  };
}

function isUnresolved(parked: Parked): boolean {
  return parked.resolution === null;
}
