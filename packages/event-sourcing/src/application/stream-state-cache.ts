import type { DomainEvent } from '../core/events';

/** A stream's events as the domain logic sees them, and the version they bring it to. */
export type CachedStream = Readonly<{ events: readonly DomainEvent[]; version: number }>;

/**
 * The events of recently written streams, so the next command on one can skip reading it. Only
 * a hint: the append's expected version still decides whether the state was current (see
 * `ApplicationService`). Bounded by the total number of events held; the least recently used
 * streams go first, and a stream longer than the whole budget is never held.
 */
export class StreamStateCache {
  /** In order of use, least recent first: a Map iterates in insertion order. */
  private readonly streams = new Map<string, CachedStream>();
  private heldEvents = 0;

  constructor(private readonly maxEvents: number) {}

  get enabled(): boolean {
    return this.maxEvents > 0;
  }

  get(streamName: string): CachedStream | undefined {
    const cached = this.streams.get(streamName);
    if (cached) {
      this.streams.delete(streamName);
      this.streams.set(streamName, cached);
    }
    return cached;
  }

  /**
   * Holds `events`, as read from the store, as the stream's state at `version`, and returns that
   * state. Frozen, held or not: commands on the stream share it, and a decision that tries to
   * change it fails rather than corrupt what the next command sees.
   */
  remember(streamName: string, events: readonly DomainEvent[], version: number): CachedStream {
    this.delete(streamName);
    const state: CachedStream = { events: events.map(deepFreeze), version };
    if (events.length > this.maxEvents) return state;
    this.streams.set(streamName, state);
    this.heldEvents += events.length;
    for (const [oldest, held] of this.streams) {
      if (this.heldEvents <= this.maxEvents) break;
      this.streams.delete(oldest);
      this.heldEvents -= held.events.length;
    }
    return state;
  }

  /**
   * Holds `previous` followed by the events just appended, now at `version`. Those are copied
   * through JSON, as the store keeps them, so the domain logic sees the same values whether they
   * come from here or from the store: no Dates, no undefined fields.
   */
  extend(streamName: string, previous: CachedStream, appended: readonly DomainEvent[], version: number): void {
    const stored = appended.map((event) => ({ type: event.type, data: JSON.parse(JSON.stringify(event.data ?? null)) as unknown }) as DomainEvent);
    this.remember(streamName, [...previous.events, ...stored], version);
  }

  delete(streamName: string): void {
    const cached = this.streams.get(streamName);
    if (!cached) return;
    this.streams.delete(streamName);
    this.heldEvents -= cached.events.length;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
