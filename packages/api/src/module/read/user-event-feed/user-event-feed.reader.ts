import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gt, max, sql } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../shared/database/read-model-database';
import { isUserEventFeedMessageType, type UserEventFeedMessage, userEventFeedMessageSchema } from './user-event-feed.messages';
import { userEventFeedEntries } from './user-event-feed.table';

/** Reads one user's feed as the messages the channel sends. */
@Injectable()
export class UserEventFeedReader {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {}

  async messagesAfter(userId: string, after: number, limit: number): Promise<UserEventFeedMessage[]> {
    const rows = await this.database
      .select()
      .from(userEventFeedEntries)
      .where(and(eq(userEventFeedEntries.userId, userId), gt(userEventFeedEntries.position, after)))
      .orderBy(asc(userEventFeedEntries.position))
      .limit(limit);
    return rows.flatMap(({ position, type, occurredAt, data }) =>
      isUserEventFeedMessageType(type)
        ? [userEventFeedMessageSchema(type).parse({ position, type, occurredAt: occurredAt.toISOString(), data }) as UserEventFeedMessage]
        : [],
    );
  }

  /**
   * The highest position ever handed out, to anyone. Read from the sequence rather than the rows:
   * a rebuild deletes rows, yet positions clients saw stay valid because new ones keep growing.
   */
  async endOfFeed(): Promise<number> {
    const [row] = await this.database
      .select({ end: sql<number>`case when is_called then last_value else 0 end`.mapWith(Number) })
      .from(sql`user_event_feed_entries_position_seq`);
    return row?.end ?? 0;
  }

  /** Where a client that gives no `after` starts: only what comes next. */
  async lastPosition(userId: string): Promise<number> {
    const [row] = await this.database
      .select({ last: max(userEventFeedEntries.position) })
      .from(userEventFeedEntries)
      .where(eq(userEventFeedEntries.userId, userId));
    return row?.last ?? 0;
  }
}
