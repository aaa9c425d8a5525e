import { type SQL, sql } from 'drizzle-orm';

/** The response header of a REST read a client pairs with the WebSocket feed (/api/events). */
export const FEED_POSITION_HEADER = 'X-Feed-Position';

/** How the OpenAPI document shows the header, for `@ApiOkResponse({ headers })`. */
export const FEED_POSITION_RESPONSE_HEADERS = {
  [FEED_POSITION_HEADER]: {
    description:
      'The position of your WebSocket feed this answer reflects: connect to /api/events?after=<this value> and no later change is missed ' +
      '(one this answer already shows may arrive once more).',
    schema: { type: 'integer', format: 'int64', minimum: 0 },
  },
};

/**
 * The user's last feed position whose event every given read model has handled, as a select field:
 * asked in the same statement as the read, it sees the same snapshot, and a read model commits its
 * rows with its checkpoint. Feed entries (user_event_feed_entries, written by module/read/user-event-feed
 * in log order) of events the read models have not reached yet get higher positions, so a client
 * that subscribes with `after` this value receives them. A read model without a checkpoint reflects nothing.
 *
 * Because positions follow the log, the entries a read model has handled are a prefix of the user's
 * feed: walking it back from the newest entry, the first one handled is the answer. The cost is the
 * entries newer than the slowest checkpoint, not the length of the user's feed.
 */
export function feedPositionReflecting(userId: string, subscriptionIds: readonly [string, ...string[]]): SQL<number> {
  const ids = sql.join(
    subscriptionIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return sql<number>`coalesce((
    select feed.position from user_event_feed_entries feed join es_events event on event.event_id = feed.event_id
    where feed.user_id = ${userId}
      and (select count(*) from es_subscriptions where subscription_id in (${ids})) = ${subscriptionIds.length}
      and (event.transaction_id, event.global_position) <= all (
        select checkpoint.transaction_id, checkpoint.global_position from es_subscriptions checkpoint where checkpoint.subscription_id in (${ids})
      )
    order by feed.position desc
    limit 1
  ), 0)`.mapWith(Number);
}
