/** First key of the two-key advisory locks that elect a subscription's runner; the second is the hash of its id. */
export const LEASE_LOCK_NAMESPACE = 7_310_002;
