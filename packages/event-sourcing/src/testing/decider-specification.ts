import { deepStrictEqual, fail } from 'node:assert/strict';
import type { DomainCommand, DomainEvent } from '../core/events';

type Decide<E extends DomainEvent, C extends DomainCommand> = (pastEvents: E[], command: C) => E[];
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
 */
export const DeciderSpecification = {
  for<E extends DomainEvent, C extends DomainCommand>(decide: Decide<E, C>) {
    return (givenEvents: E[]) => ({
      when(command: C): DeciderThen<E> {
        const run = () => decide(structuredClone(givenEvents), command);
        return {
          then(expected) {
            deepStrictEqual(run(), expected);
          },
          thenNothingHappened() {
            deepStrictEqual(run(), []);
          },
          thenThrows(errorClass: ErrorClass, check?: (error: never) => void) {
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
          },
        };
      },
    });
  },
};
