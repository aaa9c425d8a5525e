import { Inject, Injectable, Logger } from '@nestjs/common';
import { and, eq, lt, sql } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../database/read-model-database';
import { userSessions } from '../../module/read/shared/user-sessions.table';

/** "Last seen" is telemetry: writing it on every request would double the cost of one. */
const LAST_SEEN_EVERY_MS = 60_000;

/**
 * Asks the sessions read model, on every authenticated request, whether a token's session is still
 * open. No cache: on any instance, the first request after a logout must already be refused, and
 * a primary-key lookup costs less than keeping a cache honest across instances.
 */
@Injectable()
export class SessionLookup {
  private readonly logger = new Logger(SessionLookup.name);
  private readonly findSession;

  constructor(@Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase) {
    this.findSession = database
      .select({ userId: userSessions.userId, endedAt: userSessions.endedAt, lastSeenAt: userSessions.lastSeenAt })
      .from(userSessions)
      .where(eq(userSessions.sessionId, sql.placeholder('sessionId')))
      .limit(1)
      .prepare('find_user_session');
  }

  /** True when the session exists, belongs to `userId` and has not ended; records it as seen now and then. */
  async isOpen(sessionId: string, userId: string): Promise<boolean> {
    const [session] = await this.findSession.execute({ sessionId });
    if (session === undefined || session.userId !== userId || session.endedAt !== null) return false;
    if (Date.now() - session.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
      void this.markSeen(sessionId).catch((error: unknown) => this.logger.warn({ msg: 'Recording when a session was last seen failed', err: error }));
    }
    return true;
  }

  // Conditional, so instances seeing the same session at once write it once.
  private async markSeen(sessionId: string): Promise<void> {
    const now = new Date();
    await this.database
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(userSessions.sessionId, sessionId), lt(userSessions.lastSeenAt, new Date(now.getTime() - LAST_SEEN_EVERY_MS))));
  }
}
