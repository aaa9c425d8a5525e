import { EventsSubscriptionsFactory, type EventStore } from '@coderscamp/event-sourcing';
import type { SubscriptionStore } from '@coderscamp/event-sourcing/adapters';
import { EVENT_STORE, SUBSCRIPTION_STORE } from '@coderscamp/event-sourcing/nestjs';
import type { CliCommand } from '../cli-command';

type Row = Readonly<{ id: string; state: string; position: string; lagEvents: string; lagSeconds: string; parked: string; lastError: string }>;

/**
 * Reads the persisted checkpoints, so it shows subscriptions however many instances run them;
 * "not started" means this version of the application defines it but no instance ran it yet.
 */
export const subscriptionsCommand: CliCommand = {
  name: 'subscriptions',
  usage: 'subscriptions',
  description: 'Show every durable subscription: state, position, lag and parked events',
  async run(app, _args, output) {
    const eventStore = app.get<EventStore>(EVENT_STORE);
    const store = app.get<SubscriptionStore<unknown>>(SUBSCRIPTION_STORE);
    const defined = app.get(EventsSubscriptionsFactory).subscriptions().map((subscription) => subscription.subscriptionId);
    const stored = await store.list();
    const ids = [...new Set([...defined, ...stored.map((subscription) => subscription.subscriptionId)])].sort();

    const rows: Row[] = [];
    for (const id of ids) {
      const subscription = stored.find((candidate) => candidate.subscriptionId === id);
      if (!subscription) {
        rows.push({ id, state: 'not started', position: '–', lagEvents: '–', lagSeconds: '–', parked: '0', lastError: '' });
        continue;
      }
      const backlog = await eventStore.backlogAfter(subscription.position);
      const lagSeconds = backlog.oldestOccurredAt ? (Date.now() - backlog.oldestOccurredAt.getTime()) / 1000 : 0;
      rows.push({
        id: defined.includes(id) ? id : `${id} (no longer defined)`,
        state: subscription.state,
        position: subscription.position.globalPosition.toString(),
        // Past the exact limit the store estimates: shown as "~N".
        lagEvents: `${backlog.exact ? '' : '~'}${backlog.events}`,
        lagSeconds: lagSeconds.toFixed(1),
        parked: String(subscription.parkedEvents),
        lastError: subscription.lastError?.message ?? '',
      });
    }
    output.out(table(rows));
    return 0;
  },
};

function table(rows: readonly Row[]): string {
  const header: Row = { id: 'SUBSCRIPTION', state: 'STATE', position: 'POSITION', lagEvents: 'LAG', lagSeconds: 'LAG (s)', parked: 'PARKED', lastError: 'LAST ERROR' };
  const columns = Object.keys(header) as (keyof Row)[];
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  return [header, ...rows].map((row) => columns.map((column, index) => row[column].padEnd(widths[index]!)).join('  ').trimEnd()).join('\n');
}
