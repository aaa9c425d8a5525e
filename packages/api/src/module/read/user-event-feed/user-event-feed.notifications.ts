import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { SqlClient, SqlSession } from '@coderscamp/event-sourcing/postgres';
import { SQL_CLIENT } from '../../../shared/database/database-connection';
import { PinoLoggerService } from '../../../shared/observability/pino-logger.service';
import { USER_EVENT_FEED_CHANNEL, USER_EVENT_FEED_CLOSED_CHANNEL } from './user-event-feed.projection';

const RECONNECT_DELAY_MS = 1_000;

/** `null`: notifications may have been missed (the session was re-opened), so look at every feed. */
export type FeedGrewListener = (userId: string | null) => void;

/** The user's feed is gone for good (the user was erased). */
export type FeedClosedListener = (userId: string) => void;

/**
 * This instance's LISTEN on the feed channel: whichever instance runs the projection, the
 * notification reaches the gateways of all of them.
 */
@Injectable()
export class UserEventFeedNotifications implements BeforeApplicationShutdown {
  private readonly listeners = new Set<FeedGrewListener>();
  private readonly closedListeners = new Set<FeedClosedListener>();
  private session: SqlSession | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SQL_CLIENT) private readonly sqlClient: SqlClient,
    private readonly logger: PinoLoggerService,
  ) {}

  onFeedGrew(listener: FeedGrewListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onFeedClosed(listener: FeedClosedListener): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  /** Started by the gateway: a process without an HTTP server (the CLI) has no one to tell. */
  async start(): Promise<void> {
    await this.listen();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.session?.release();
    this.session = null;
  }

  private async listen(): Promise<void> {
    try {
      const session = await this.sqlClient.openSession();
      if (this.stopped) return void (await session.release());
      session.onLost((error) => {
        this.logger.warn({ msg: 'Lost the user event feed notifications; reconnecting', err: error }, 'UserEventFeed');
        this.session = null;
        this.listenLater();
      });
      await session.listen(USER_EVENT_FEED_CHANNEL, (userId) => this.notify(userId));
      await session.listen(USER_EVENT_FEED_CLOSED_CHANNEL, (userId) => this.closedListeners.forEach((listener) => listener(userId)));
      this.session = session;
      this.notify(null);
    } catch (error) {
      this.logger.warn({ msg: 'Cannot listen for user event feed notifications yet', err: error }, 'UserEventFeed');
      this.listenLater();
    }
  }

  private listenLater(): void {
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }

  private notify(userId: string | null): void {
    this.listeners.forEach((listener) => listener(userId));
  }
}
