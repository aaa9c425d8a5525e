export const NO_STREAM = 'no_stream' as const;
export const STREAM_EXISTS = 'stream_exists' as const;
export const ANY = 'any' as const;

/**
 * The compare part of an append's compare-and-set: a version number (the position of the stream's
 * last event, 0 for an empty stream), or one of the three conditions.
 */
export type ExpectedVersion = number | typeof NO_STREAM | typeof STREAM_EXISTS | typeof ANY;

export function describeExpectedVersion(expected: ExpectedVersion): string {
  return typeof expected === 'number' ? String(expected) : `"${expected}"`;
}

/** Whether a stream at `actual` (0 = no events) satisfies the expectation. */
export function matchesExpectedVersion(expected: ExpectedVersion, actual: number): boolean {
  if (expected === ANY) return true;
  if (expected === NO_STREAM) return actual === 0;
  if (expected === STREAM_EXISTS) return actual > 0;
  return expected === actual;
}
