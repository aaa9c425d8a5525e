import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import { pgSqlClient, PostgresEventStore, PostgresSubscriptionStore } from '@coderscamp/event-sourcing/postgres';
import { Pool } from 'pg';
import type { TaskCompleted } from './fixtures';
import { SUBSCRIPTION_ID } from './w7-partitioned-catch-up';

/**
 * One process of W7: runs the partitioned projection once told to start (over IPC), and stops on
 * being told to. The backlog is written in SQL, without the event store's notification: a short
 * poll finds it.
 * argv: <database url> <process name> <partitions> <page size>
 */
const [databaseUrl, processName, partitions, pageSize] = process.argv.slice(2) as [string, string, string, string];
const pool = new Pool({ connectionString: databaseUrl, max: 8 });
pool.on('error', () => undefined);
const client = pgSqlClient(pool);
const eventStore = new PostgresEventStore(client);
const subscriptionStore = new PostgresSubscriptionStore(client);
const subscription = new EventsSubscriptionsFactory(eventStore, subscriptionStore, { batchSize: Number(pageSize), standbyRetryMs: 100, pollIntervalMs: 20 })
  .subscription(SUBSCRIPTION_ID)
  .withOptions({ partitions: Number(partitions) })
  .onEvent<TaskCompleted>('TaskCompleted', async (event, tx) => {
    await tx.query('INSERT INTO w7_projection (event_id, stream_name, stream_position, process_name) VALUES ($1, $2, $3, $4)', [
      event.id,
      event.streamName,
      event.streamVersion,
      processName,
    ]);
  })
  .build();

process.on('message', (message: 'start' | 'stop') => {
  if (message === 'start') void subscription.start();
  else void stop();
});

async function stop(): Promise<void> {
  await subscription.stop();
  await eventStore.close();
  await subscriptionStore.close();
  await pool.end();
  process.exit(0);
}

void pool.query('SELECT 1').then(() => process.send?.('ready'));
