import type { ApplicationEvent } from '../core/events';
import type { RegisteredHandler } from './subscription-options';

/** A handler failed on the event at `index` of the events it was given. */
export class HandlerFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export type InvocationRules = Readonly<{
  timeoutMs: number;
  /** Whether an error means the database is down rather than the event bad. */
  isUnavailable: (error: unknown) => boolean;
}>;

/**
 * Hands `events` to their handlers in order, runs of a batching handler's events in one call each.
 * A handler's failure becomes a `HandlerFailure` pinned on the first event of its call.
 */
export async function invokeHandlers<Tx>(
  handlers: ReadonlyMap<string, RegisteredHandler<Tx>>,
  events: readonly ApplicationEvent[],
  tx: Tx,
  rules: InvocationRules,
): Promise<void> {
  for (let start = 0; start < events.length; ) {
    const handler = handlers.get(events[start]!.type);
    let end = start + 1;
    if (handler?.batches) while (end < events.length && handlers.get(events[end]!.type) === handler) end++;
    if (handler) await invoke(handler, events.slice(start, end), tx, start, rules);
    start = end;
  }
}

/**
 * Runs one handler on `events`, at `index` in the page. A failure is pinned on the first of them:
 * retried alone, it succeeds or proves the poison, and the rest follows.
 */
async function invoke<Tx>(handler: RegisteredHandler<Tx>, events: readonly ApplicationEvent[], tx: Tx, index: number, rules: InvocationRules): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Handler timed out after ${rules.timeoutMs} ms`)), rules.timeoutMs);
  });
  const handling = Promise.resolve().then(() => handler.handle(events, tx));
  // A timed-out handler may still settle later; its outcome no longer matters.
  handling.catch(() => undefined);
  try {
    await Promise.race([handling, timeout]);
  } catch (cause) {
    // The database is down, not the event bad: the run loop waits for it, retries left intact.
    if (rules.isUnavailable(cause)) throw cause;
    throw new HandlerFailure(index, cause);
  } finally {
    clearTimeout(timer);
  }
}
