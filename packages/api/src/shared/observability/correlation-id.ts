import { randomUUID } from 'node:crypto';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Bounded and plain so a caller cannot inject log lines or bloat every stored event's metadata.
export const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Keeps the caller's id when it is acceptable, so a request can be traced across services. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTABLE_CORRELATION_ID.test(header) ? header : randomUUID();
}
