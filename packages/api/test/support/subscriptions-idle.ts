import { healthObservedAfter } from './health';
import type { TestApp } from './test-app';

/**
 * Resolves once every subscription has handled every event, twice in a row (an automation's
 * command appends new events after its own lag reached zero). Tests that check "nothing was
 * appended" call it first, so background work from their set-up cannot land mid-assertion.
 */
export async function subscriptionsIdle(app: TestApp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let idleReadings = 0;
  while (idleReadings < 2) {
    // Each reading made after the last: two answers from one background read would prove nothing.
    const health = await healthObservedAfter(app.url);
    idleReadings = health.subscriptions.every((subscription) => subscription.lagEvents === 0) ? idleReadings + 1 : 0;
    if (Date.now() > deadline) throw new Error(`Subscriptions still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
