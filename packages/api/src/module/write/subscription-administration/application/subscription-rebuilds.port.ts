import type { RecordedLogPosition } from '../../../shared/subscription-rebuild';

export const SUBSCRIPTION_REBUILDS_PORT = Symbol('SUBSCRIPTION_REBUILDS_PORT');

/** Rebuilding the durable subscriptions. Throws `SubscriptionNotFound` for a subscription the application does not define. */
export interface SubscriptionRebuildsPort {
  /** Its checkpoint; null while none is stored (a reset not yet picked up) or a blue/green rebuild has yet to switch in. */
  checkpoint(subscriptionId: string): Promise<RecordedLogPosition | null>;

  /** Where the log ends now and how many events it holds: what a rebuild would replay. */
  logToReplay(): Promise<Readonly<{ endOfLog: RecordedLogPosition; events: number }>>;

  /**
   * Rebuilds its read model: beside the serving one, switched in once caught up, where the read model
   * declares its tables; otherwise by forgetting the checkpoint, so the instance running it clears
   * its read model and replays the log.
   */
  rebuild(subscriptionId: string): Promise<void>;
}
