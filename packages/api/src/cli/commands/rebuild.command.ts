import { EventsSubscriptionsFactory, type EventStore, type EventsSubscription } from '@coderscamp/event-sourcing';
import { LOG_START } from '@coderscamp/event-sourcing/adapters';
import { EVENT_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { CliCommand, CliOutput } from '../cli-command';
import { renderProgress } from '../progress-bar';

const PROGRESS_INTERVAL_MS = 250;

/**
 * Rebuilds a read model that declares its tables beside the serving one, which running instances
 * keep serving and updating, and switches it in once caught up; this process does the building and
 * shows its progress. Any other subscription forgets its checkpoint, so it clears its read model
 * (onInitialPosition) and replays every event: if a running instance holds the subscription, that
 * instance does the replay; otherwise this process does it and shows its progress.
 */
export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  usage: 'rebuild <subscription-id>',
  description: 'Rebuild a read model (or re-run an automation) from the first event, with progress',
  async run(app, args, output) {
    const [subscriptionId] = args;
    const subscription = subscriptionId ? app.get(EventsSubscriptionsFactory).find(subscriptionId) : undefined;
    if (!subscription) {
      const known = app.get(EventsSubscriptionsFactory).subscriptions().map((candidate) => candidate.subscriptionId);
      output.err(`Unknown subscription "${subscriptionId ?? ''}". Defined: ${known.join(', ') || 'none'}\n`);
      return 2;
    }
    const eventStore = app.get<EventStore>(EVENT_STORE);
    const total = (await eventStore.backlogAfter(LOG_START)).events;
    if (subscription.rebuildsBlueGreen) return rebuildBlueGreen(subscription, total, output);

    await subscription.rebuild();
    await subscription.start();
    const startedAt = Date.now();
    const report = async () => {
      const status = await subscription.status();
      output.err(`\r${renderProgress({ done: Math.max(0, total - status.lagEvents), total, elapsedMs: Date.now() - startedAt })}`);
      return status;
    };
    const ticker = setInterval(() => void report(), PROGRESS_INTERVAL_MS);
    try {
      const first = await waitUntilActiveOrStandby(subscription);
      if (first === 'standby') {
        output.err(`\n${subscription.subscriptionId} runs in another instance, which now rebuilds it; follow it with "subscriptions".\n`);
        return 0;
      }
      // Every event committed by now, those an open transaction still hides from reads included.
      await subscription.caughtUp();
      await report();
      output.err('\n');
      output.out(`Rebuilt ${subscription.subscriptionId} from ${total} events in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      return 0;
    } finally {
      clearInterval(ticker);
      await subscription.stop();
    }
  },
};

async function rebuildBlueGreen(subscription: EventsSubscription<unknown>, total: number, output: CliOutput): Promise<number> {
  const startedAt = Date.now();
  await subscription.rebuild();
  const report = async () => {
    const lagEvents = (await subscription.rebuildStatus())?.lagEvents ?? 0;
    output.err(`\r${renderProgress({ done: Math.max(0, total - lagEvents), total, elapsedMs: Date.now() - startedAt })}`);
  };
  const ticker = setInterval(() => void report(), PROGRESS_INTERVAL_MS);
  try {
    await subscription.rebuilt();
  } catch (error) {
    output.err(`\nRebuild of ${subscription.subscriptionId} failed; the serving read model is unchanged: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    clearInterval(ticker);
  }
  output.err(`\r${renderProgress({ done: total, total, elapsedMs: Date.now() - startedAt })}\n`);
  output.out(`Rebuilt ${subscription.subscriptionId} from ${total} events in ${((Date.now() - startedAt) / 1000).toFixed(1)} s and switched it in`);
  return 0;
}

/**
 * A subscription reports "standby" from the moment it starts until its first try for the lease, so
 * only a standby that lasts this long means another instance holds it.
 */
const STANDBY_CONFIRMATION_MS = 1_500;

async function waitUntilActiveOrStandby(subscription: { status(): Promise<{ active: boolean; state: string }> }): Promise<'active' | 'standby'> {
  let standbySince: number | null = null;
  for (;;) {
    const status = await subscription.status();
    if (status.active) return 'active';
    if (status.state === 'failed') throw new Error('Subscription failed while starting the rebuild');
    standbySince = status.state === 'standby' ? (standbySince ?? Date.now()) : null;
    if (standbySince !== null && Date.now() - standbySince >= STANDBY_CONFIRMATION_MS) return 'standby';
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
