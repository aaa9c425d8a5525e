import type { SubscriptionStatus } from '../subscriptions/subscription-options';

/**
 * The status of a live subscription with nothing behind, parked or failed, holding its single partition:
 * a test states only the figures it is about, `subscriptionStatus({ state: 'failed', parkedEvents: 2 })`.
 */
export function subscriptionStatus(overrides: Partial<SubscriptionStatus> = {}): SubscriptionStatus {
  return {
    subscriptionId: 'Projection_v1',
    state: 'live',
    active: true,
    position: null,
    lagEvents: 0,
    lagExact: true,
    lagSeconds: 0,
    lastError: null,
    parkedEvents: 0,
    processedEvents: 0,
    handlerFailures: 0,
    waitingFor: null,
    partitions: { count: 1, held: [0] },
    ...overrides,
  };
}
