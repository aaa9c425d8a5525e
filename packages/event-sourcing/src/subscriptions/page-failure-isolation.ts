import { compareLogPositions, logPositionOf, type ApplicationEvent, type LogPosition } from '../core/events';
import { HandlerFailure } from './handler-invocation';

/** What handling a page takes from the subscription. */
export type PageSteps = Readonly<{
  /** Whether consecutive events may share one transaction; otherwise each is handled on its own. */
  batches: boolean;
  /** Handles `events` and moves the checkpoint from `from` to `to`; a handler's failure is a `HandlerFailure`. */
  handle(from: LogPosition, events: readonly ApplicationEvent[], to: LogPosition): Promise<void>;
  /** Retries a failed event alone until it passes or the poison policy disposes of it; null once the subscription stops. */
  retryAlone(from: LogPosition, event: ApplicationEvent, cause: unknown): Promise<LogPosition | null>;
  /** Moves the checkpoint over entries no handler wants. */
  skip(from: LogPosition, to: LogPosition): Promise<void>;
}>;

type KnownFailure = Readonly<{ index: number; cause: unknown }>;

/**
 * Handles a page's `events` and moves the checkpoint from `from` to `to`, the page's end. A failing
 * event is isolated: the events before it are handled again without it (and commit), it is
 * retried alone, then the rest follows. One poison event thus neither holds back nor repeats its
 * neighbours, and a batch handler's failed call loses nothing it could have committed.
 * Returns null once the subscription stops.
 */
export async function handlePageIsolatingFailures(
  from: LogPosition,
  events: readonly ApplicationEvent[],
  to: LogPosition,
  steps: PageSteps,
): Promise<LogPosition | null> {
  let position = from;
  let next = 0;
  // Failures found and not yet retried, the earliest last: a retry of the events before one may find another.
  const failures: KnownFailure[] = [];
  while (next < events.length) {
    const failure = failures.at(-1);
    if (failure?.index === next) {
      failures.pop();
      const retried = await steps.retryAlone(position, events[next]!, failure.cause);
      if (!retried) return null;
      position = retried;
      next += 1;
      continue;
    }
    const end = failure?.index ?? (steps.batches ? events.length : next + 1);
    const target = end === events.length ? to : logPositionOf(events[end - 1]!);
    try {
      await steps.handle(position, events.slice(next, end), target);
      position = target;
      next = end;
    } catch (error) {
      if (!(error instanceof HandlerFailure)) throw error;
      failures.push({ index: next + error.index, cause: error.cause });
    }
  }
  if (compareLogPositions(to, position) > 0) await steps.skip(position, to);
  return to;
}
