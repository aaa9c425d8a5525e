/**
 * A limit on some action per subject (e.g. per address and client): at most `limit` within a
 * window of `windowSeconds` that starts with the first counted action. A refusal answers 429 with
 * `code` and `message`.
 */
export type RateLimitPolicy = Readonly<{
  /** Stable: counters are stored under it, so renaming it forgets what was counted. */
  name: string;
  limit: number;
  windowSeconds: number;
  code: string;
  message: string;
}>;

/** What a client is told about a policy after a request: the draft IETF RateLimit header fields. */
export type RateLimitState = Readonly<{ limit: number; remaining: number; resetSeconds: number }>;

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  };
}

/** Whole seconds, rounded up: a client waiting exactly that long is never refused for being early. */
export function secondsUntil(msBeforeNext: number): number {
  return Math.max(0, Math.ceil(msBeforeNext / 1000));
}
