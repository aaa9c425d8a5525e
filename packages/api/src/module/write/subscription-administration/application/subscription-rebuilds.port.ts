import type { RecordedLogPosition } from '../../../shared/subscription-rebuild';

export const SUBSCRIPTION_REBUILDS_PORT = Symbol('SUBSCRIPTION_REBUILDS_PORT');

/** Rebuilding the durable subscriptions. Throws `SubscriptionNotFound` for a subscription the application does not define. */
export interface SubscriptionRebuildsPort {
  /** Its checkpoint, null while none is stored (a reset not yet picked up). */
  checkpoint(subscriptionId: string): Promise<RecordedLogPosition | null>;

  /** Where the log ends now and how many events it holds: what a rebuild would replay. */
  logToReplay(): Promise<Readonly<{ endOfLog: RecordedLogPosition; events: number }>>;

  /** Forgets the checkpoint, so the instance running it clears its read model and replays the log. */
  rebuild(subscriptionId: string): Promise<void>;
}
