import type { DomainEvent } from '../core/events';
import type { SnapshotKind } from '../core/snapshots';

/** When a decider's state is snapshotted, and under which name and schema version it is read back. */
export type SnapshotPolicy = SnapshotKind &
  Readonly<{
    /** A new snapshot is saved once the stream has grown this many events past the last one. */
    everyEvents: number;
  }>;

/**
 * A stream's state for deciding, folded from its events: the state-based alternative to handing
 * a decision every past event (see `ApplicationService.handleOnState`).
 *
 * `evolve` is pure and returns a new state: the states it is given may be shared (cached,
 * snapshotted) and are frozen. With `snapshots`, the state must survive `JSON.stringify`/`parse`
 * unchanged (plain objects, arrays, strings, numbers, booleans, null), and a change of its shape
 * bumps `snapshots.schemaVersion`.
 */
export type Decider<State, E extends DomainEvent> = Readonly<{
  /** The state of a stream with no events. */
  initialState: () => State;
  evolve: (state: State, event: E) => State;
  snapshots?: SnapshotPolicy;
}>;

/** The state after `events`, from `state`. */
export function fold<State, E extends DomainEvent>(decider: Decider<State, E>, state: State, events: readonly E[]): State {
  return events.reduce(decider.evolve, state);
}
