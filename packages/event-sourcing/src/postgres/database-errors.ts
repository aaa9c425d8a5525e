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

/**
 * Connection-level failures (server down, restarting, network) become `EventStoreUnavailableError`
 * so callers can answer "try later" instead of leaking driver internals.
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as DriverError)?.code;
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) {
    return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(message);
}

export function translateDriverError(error: unknown): unknown {
  if (isConnectionFailure(error)) {
    return new EventStoreUnavailableError(`Event store unavailable: ${(error as Error).message}`, { cause: error });
  }
  return error;
}
