/** A subscription as `GET /api/health` reports it; only the fields the tests read. */
export type SubscriptionHealth = {
  subscriptionId: string;
  state: string;
  active: boolean;
  lagEvents: number;
  partitions: number;
  heldPartitions: number[];
  lastError: string | null;
};

export type HealthBody = { status: string; database: string; observedAt: string; subscriptions: SubscriptionHealth[] };

/**
 * `GET /api/health` once its figures were read after `since` (default: now). The app answers from
 * statuses it reads in the background every half second, so a test that has just changed something
 * asks until the answer postdates the change.
 */
export async function healthObservedAfter(appUrl: string, since = Date.now(), timeoutMs = 10_000): Promise<HealthBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await fetch(`${appUrl}/api/health`, { signal: AbortSignal.timeout(5_000) })).json()) as HealthBody;
    // Figures read when the database was unreachable carry the time of the answer: they are fresh by nature.
    if (Date.parse(body.observedAt) >= since) return body;
    if (Date.now() > deadline) throw new Error(`/api/health still answered with figures from ${body.observedAt} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
