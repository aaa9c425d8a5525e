import type { DomainEvent } from '../core/events';
import { fold, type Decider, type SnapshotPolicy } from './decider';

/**
 * How a command's stream becomes what its decision sees: the past events themselves, or a
 * decider's folded state. The state a model builds may be held by the cache and shared by the
 * commands that follow, so what a decision receives can never change it.
 */
export type StreamModel<State> = Readonly<{
  initialState: () => State;
  /** The state after `events`; may reuse `state`, which the caller owns and no longer uses. */
  extended: (state: State, events: readonly DomainEvent[]) => State;
  /** What a decision is given. */
  handedOut: (state: State) => unknown;
  /** What the state counts against the cache's budget. */
  weight: (state: State) => number;
  snapshots?: SnapshotPolicy;
}>;

/**
 * The past events, in an array the model owns and extends in place: no copy of the stream per
 * append. The events are frozen and a decision gets its own copy of the array.
 */
export const PAST_EVENTS_MODEL: StreamModel<DomainEvent[]> = {
  initialState: () => [],
  extended: (events, appended) => {
    for (const event of appended) events.push(deepFreeze(event));
    return events;
  },
  handedOut: (events) => [...events],
  weight: (events) => events.length,
};

/** One model per decider, so the cache hands a state back only to the decider that folded it. */
const modelsOfDeciders = new WeakMap<Decider<unknown, DomainEvent>, StreamModel<unknown>>();

export function streamModelOf<State, E extends DomainEvent>(decider: Decider<State, E>): StreamModel<State> {
  const known = modelsOfDeciders.get(decider as Decider<unknown, DomainEvent>);
  if (known) return known as StreamModel<State>;
  const model: StreamModel<State> = {
    // Frozen like every state the model hands out: an `evolve` that changes its input fails at once, not only on a cached state.
    initialState: () => deepFreeze(decider.initialState()),
    extended: (state, events) => deepFreeze(fold(decider, state, events as E[])),
    handedOut: (state) => state,
    weight: () => 1,
    ...(decider.snapshots && { snapshots: decider.snapshots }),
  };
  modelsOfDeciders.set(decider as Decider<unknown, DomainEvent>, model as StreamModel<unknown>);
  return model;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
