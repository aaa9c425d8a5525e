/** A stream's state at a version, as one way of reading it (a stream model) left it. */
export type CachedStream<State = unknown> = Readonly<{
  /** What produced `state`: a state is only handed back to the same model. */
  model: object;
  state: State;
  version: number;
  /** The version of the stream's newest snapshot known here, 0 for none. */
  snapshotVersion: number;
}>;

/**
 * The state of recently written streams, so the next command on one can skip reading it. Only
 * a hint: the append's expected version still decides whether the state was current (see
 * `ApplicationService`). Bounded by a total weight: a stream's events count one each, a folded
 * state counts one. The least recently used streams go first, and a stream heavier than the whole
 * budget is never held.
 */
export class StreamStateCache {
  /** In order of use, least recent first: a Map iterates in insertion order. */
  private readonly streams = new Map<string, Readonly<{ cached: CachedStream; weight: number }>>();
  private heldWeight = 0;

  constructor(private readonly maxWeight: number) {}

  get enabled(): boolean {
    return this.maxWeight > 0;
  }

  /** The stream's state if the same model left it. */
  get<State>(streamName: string, model: object): CachedStream<State> | undefined {
    const held = this.streams.get(streamName);
    if (!held || held.cached.model !== model) return undefined;
    this.streams.delete(streamName);
    this.streams.set(streamName, held);
    // The model that left the state is the one asking: its state type.
    return held.cached as CachedStream<State>;
  }

  /** Holds `cached` as the stream's state; the caller hands over `cached.state` and no longer changes it. */
  remember(streamName: string, cached: CachedStream, weight: number): void {
    this.delete(streamName);
    if (weight > this.maxWeight) return;
    this.streams.set(streamName, { cached, weight });
    this.heldWeight += weight;
    for (const [oldest, held] of this.streams) {
      if (this.heldWeight <= this.maxWeight) break;
      this.streams.delete(oldest);
      this.heldWeight -= held.weight;
    }
  }

  delete(streamName: string): void {
    const held = this.streams.get(streamName);
    if (!held) return;
    this.streams.delete(streamName);
    this.heldWeight -= held.weight;
  }
}
