import { deepStrictEqual, fail } from 'node:assert/strict';
import { fold, type Decider } from '../application/decider';
import { deepFreeze } from '../application/stream-model';
import type { DomainCommand, DomainEvent } from '../core/events';

type Decide<E extends DomainEvent, C extends DomainCommand> = (pastEvents: E[], command: C) => E[];
type DecideOnState<State, E extends DomainEvent, C extends DomainCommand> = (state: State, command: C) => E[];
type ErrorClass = abstract new (...args: never[]) => Error;

export type DeciderThen<E extends DomainEvent> = Readonly<{
  /** The decision equals exactly these events, in order. */
  then(expected: E[]): void;
  /** The decision produced no events. */
  thenNothingHappened(): void;
  /** The decision was refused with this error class; `check` may inspect the error further. */
  thenThrows<T extends Error>(errorClass: abstract new (...args: never[]) => T, check?: (error: T) => void): void;
}>;

/**
 * Given/when/then for a pure decide function:
 * `DeciderSpecification.for(completeTask)(pastEvents).when(command).then([taskWasCompleted])`.
 *
 * For a decision on a decider's state, the given events are folded with the decider:
 * `DeciderSpecification.onState(learningMaterialsTasks, completeTask)(pastEvents).when(command).then([…])`.
 * When the decider snapshots, every expectation is checked a second time on the state as a
 * snapshot gives it back (through JSON), so a state that does not survive its snapshot fails here.
 */
export const DeciderSpecification = {
  for<E extends DomainEvent, C extends DomainCommand>(decide: Decide<E, C>) {
    return (givenEvents: E[]) => ({
      when: (command: C): DeciderThen<E> => expectationsOn([() => decide(structuredClone(givenEvents), command)]),
    });
  },

  onState<State, E extends DomainEvent, C extends DomainCommand>(decider: Decider<State, E>, decide: DecideOnState<State, E, C>) {
    return (givenEvents: E[]) => ({
      when(command: C): DeciderThen<E> {
        // Frozen as the application service freezes them: an evolve or decide that changes its state fails here too.
        const folded = () => deepFreeze(fold(decider, deepFreeze(decider.initialState()), structuredClone(givenEvents)));
        const asSnapshotted = () => deepFreeze(JSON.parse(JSON.stringify(folded())) as State);
        const decisions = [() => decide(folded(), command)];
        if (decider.snapshots) decisions.push(() => decide(asSnapshotted(), command));
        return expectationsOn(decisions);
      },
    });
  },
};

/** Expectations every one of `decisions` must meet. */
function expectationsOn<E extends DomainEvent>(decisions: (() => E[])[]): DeciderThen<E> {
  return {
    then(expected) {
      decisions.forEach((run) => deepStrictEqual(run(), expected));
    },
    thenNothingHappened() {
      decisions.forEach((run) => deepStrictEqual(run(), []));
    },
    thenThrows(errorClass: ErrorClass, check?: (error: never) => void) {
      decisions.forEach((run) => expectThrows(run, errorClass, check));
    },
  };
}

function expectThrows<E extends DomainEvent>(run: () => E[], errorClass: ErrorClass, check?: (error: never) => void): void {
  let decision: E[];
  try {
    decision = run();
  } catch (error) {
    if (!(error instanceof errorClass)) {
      fail(`Expected ${errorClass.name} but ${error instanceof Error ? error.name : 'a non-error'} was thrown: ${String(error)}`);
    }
    check?.(error as never);
    return;
  }
  fail(`Expected ${errorClass.name} but the decision was ${JSON.stringify(decision)}`);
}
