import { describe, expect, it } from 'vitest';
import { EventStoreUnavailableError } from '../core/errors';
import type { ApplicationEvent, LogPosition } from '../core/events';
import { HandlerFailure } from './handler-invocation';
import { handlePageIsolatingFailures, type PageSteps } from './page-failure-isolation';

/** Event `n` of a page sits at global position `n`, all in one transaction. */
function eventAt(n: number): ApplicationEvent {
  return {
    id: `event-${n}`,
    type: 'Counted',
    data: { n },
    metadata: { correlationId: 'c', causationId: 'x' },
    occurredAt: new Date(0),
    streamName: 'Counter_1',
    streamVersion: n,
    globalPosition: BigInt(n),
    transactionId: 1n,
    schemaVersion: 1,
  };
}

const at = (n: number): LogPosition => ({ transactionId: 1n, globalPosition: BigInt(n) });
const page = (...ns: number[]) => ns.map(eventAt);
const numbersOf = (events: readonly ApplicationEvent[]) => events.map((event) => Number(event.globalPosition));

type Scenario = Readonly<{
  batches?: boolean;
  /** Whether handling the events, in a call of `handle`, fails on event n: numbers of the call's events in, failing number out. */
  failsOn?: (numbers: number[]) => number | undefined;
  /** Retrying event n alone stops the subscription. */
  stopsRetrying?: number;
}>;

/** Steps that record what the page handling asked for, as `handle 1-2 → 2`, `retry 3`, `skip 5 → 9`. */
function recordingSteps({ batches = true, failsOn = () => undefined, stopsRetrying }: Scenario) {
  const calls: string[] = [];
  const steps: PageSteps = {
    batches,
    handle: async (from, events, to) => {
      const numbers = numbersOf(events);
      calls.push(`handle ${numbers.join(',')} from ${from.globalPosition} → ${to.globalPosition}`);
      const failing = failsOn(numbers);
      if (failing !== undefined) throw new HandlerFailure(numbers.indexOf(failing), new Error(`${failing} fails`));
    },
    retryAlone: async (from, event, cause) => {
      calls.push(`retry ${event.globalPosition} from ${from.globalPosition} after "${(cause as Error).message}"`);
      return Number(event.globalPosition) === stopsRetrying ? null : at(Number(event.globalPosition));
    },
    skip: async (from, to) => {
      calls.push(`skip ${from.globalPosition} → ${to.globalPosition}`);
    },
  };
  return { steps, calls };
}

const alwaysFailing =
  (...poison: number[]) =>
  (numbers: number[]) =>
    numbers.find((n) => poison.includes(n));

describe('handling a page, isolating failing events', () => {
  it('given handlers that succeed, when handled in batches, then the whole page commits at once up to its end', async () => {
    const { steps, calls } = recordingSteps({});

    const reached = await handlePageIsolatingFailures(at(0), page(1, 2, 3), at(9), steps);

    expect(reached).toEqual(at(9));
    expect(calls).toEqual(['handle 1,2,3 from 0 → 9']);
  });

  it('given an event in the middle fails, then the events before it commit, it is retried alone, and the rest commits up to the end', async () => {
    const { steps, calls } = recordingSteps({ failsOn: alwaysFailing(3) });

    const reached = await handlePageIsolatingFailures(at(0), page(1, 2, 3, 4, 5), at(9), steps);

    expect(reached).toEqual(at(9));
    expect(calls).toEqual([
      'handle 1,2,3,4,5 from 0 → 9',
      'handle 1,2 from 0 → 2',
      'retry 3 from 2 after "3 fails"',
      'handle 4,5 from 3 → 9',
    ]);
  });

  it('given the first event fails, then it is retried alone before anything else is handled', async () => {
    const { steps, calls } = recordingSteps({ failsOn: alwaysFailing(1) });

    await handlePageIsolatingFailures(at(0), page(1, 2), at(2), steps);

    expect(calls).toEqual(['handle 1,2 from 0 → 2', 'retry 1 from 0 after "1 fails"', 'handle 2 from 1 → 2']);
  });

  it('given the last event fails, then after its retry the checkpoint skips the entries scanned past it', async () => {
    const { steps, calls } = recordingSteps({ failsOn: alwaysFailing(3) });

    const reached = await handlePageIsolatingFailures(at(0), page(1, 2, 3), at(9), steps);

    expect(reached).toEqual(at(9));
    expect(calls).toEqual(['handle 1,2,3 from 0 → 9', 'handle 1,2 from 0 → 2', 'retry 3 from 2 after "3 fails"', 'skip 3 → 9']);
  });

  it('given the last event fails at the end of the page, then nothing is left to skip', async () => {
    const { steps, calls } = recordingSteps({ failsOn: alwaysFailing(2) });

    await handlePageIsolatingFailures(at(0), page(1, 2), at(2), steps);

    expect(calls).toEqual(['handle 1,2 from 0 → 2', 'handle 1 from 0 → 1', 'retry 2 from 1 after "2 fails"']);
  });

  it('given two failing events, then each is retried alone in log order and the events between them commit once', async () => {
    const { steps, calls } = recordingSteps({ failsOn: alwaysFailing(2, 4) });

    await handlePageIsolatingFailures(at(0), page(1, 2, 3, 4, 5), at(5), steps);

    expect(calls).toEqual([
      'handle 1,2,3,4,5 from 0 → 5',
      'handle 1 from 0 → 1',
      'retry 2 from 1 after "2 fails"',
      'handle 3,4,5 from 2 → 5',
      'handle 3 from 2 → 3',
      'retry 4 from 3 after "4 fails"',
      'handle 5 from 4 → 5',
    ]);
  });

  it('given an earlier event fails only once the events before a failure are handled again, then it is retried first, then the rest, then the first failure', async () => {
    let handled = 0;
    // Event 4 fails in the first call; event 2 fails in the second only (a handler that fails on and off).
    const failsOn = (numbers: number[]) => (++handled === 1 ? 4 : handled === 2 && numbers.includes(2) ? 2 : undefined);
    const { steps, calls } = recordingSteps({ failsOn });

    const reached = await handlePageIsolatingFailures(at(0), page(1, 2, 3, 4, 5), at(5), steps);

    expect(reached).toEqual(at(5));
    expect(calls).toEqual([
      'handle 1,2,3,4,5 from 0 → 5',
      'handle 1,2,3 from 0 → 3',
      'handle 1 from 0 → 1',
      'retry 2 from 1 after "2 fails"',
      'handle 3 from 2 → 3',
      'retry 4 from 3 after "4 fails"',
      'handle 5 from 4 → 5',
    ]);
  });

  it('given handlers that act outside the checkpoint transaction, then each event is handled on its own, the last up to the end', async () => {
    const { steps, calls } = recordingSteps({ batches: false, failsOn: alwaysFailing(2) });

    const reached = await handlePageIsolatingFailures(at(0), page(1, 2, 3), at(9), steps);

    expect(reached).toEqual(at(9));
    expect(calls).toEqual(['handle 1 from 0 → 1', 'handle 2 from 1 → 2', 'retry 2 from 1 after "2 fails"', 'handle 3 from 2 → 9']);
  });

  it('given the subscription stops while retrying, then it reports no position and handles nothing after the failing event', async () => {
    const { steps, calls } = recordingSteps({ failsOn: alwaysFailing(2), stopsRetrying: 2 });

    const reached = await handlePageIsolatingFailures(at(0), page(1, 2, 3), at(9), steps);

    expect(reached).toBeNull();
    expect(calls).toEqual(['handle 1,2,3 from 0 → 9', 'handle 1 from 0 → 1', 'retry 2 from 1 after "2 fails"']);
  });

  it('given an error that is no handler failure (the database is down), then it propagates and nothing is retried', async () => {
    const { steps, calls } = recordingSteps({});
    const down: PageSteps = {
      ...steps,
      handle: async () => {
        throw new EventStoreUnavailableError('down');
      },
    };

    await expect(handlePageIsolatingFailures(at(0), page(1, 2), at(2), down)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(calls).toEqual([]);
  });
});
