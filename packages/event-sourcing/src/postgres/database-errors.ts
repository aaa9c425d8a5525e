import { EventStoreUnavailableError } from '../core/errors';

type DriverError = { code?: unknown; constraint?: unknown; message?: unknown };

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error as DriverError;
  return (
    driverError?.code === '23505' &&
    (driverError.constraint === constraint || (typeof driverError.message === 'string' && driverError.message.includes(constraint)))
  );
}

/** jsonb and text refuse U+0000 (SQLSTATE 22P05, untranslatable character). */
export function isUnstorableText(error: unknown): boolean {
  return (error as DriverError)?.code === '22P05';
}

const MAX_CAUSE_DEPTH = 5;

/**
 * Whether the database, not the request, is the problem: the server is down, restarting or
 * unreachable. Query builders wrap the driver's error in their own, so the causes count too.
 */
export function isConnectionFailure(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    if (current instanceof EventStoreUnavailableError || isDriverConnectionFailure(current)) return true;
    current = current.cause;
  }
  return false;
}

function isDriverConnectionFailure(error: Error): boolean {
  const code = (error as DriverError).code;
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) {
    return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(error.message);
}

/** Connection failures become `EventStoreUnavailableError`, so callers answer "try later" instead of leaking driver internals. */
export function translateDriverError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailableError || !isConnectionFailure(error)) return error;
  return new EventStoreUnavailableError(`Event store unavailable: ${(error as Error).message}`, { cause: error });
}

/** Runs a statement of a store, its connection failures translated (see `translateDriverError`). */
export async function translatingDriverErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translateDriverError(error);
  }
}
