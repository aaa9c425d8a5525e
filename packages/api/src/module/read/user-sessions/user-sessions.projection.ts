import { Injectable, type OnModuleInit } from '@nestjs/common';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { PasswordWasChanged } from '../../shared/events/password-was-changed.event';
import type { PasswordWasReset } from '../../shared/events/password-was-reset.event';
import type { SessionWasEnded } from '../../shared/events/session-was-ended.event';
import type { SessionWasStarted } from '../../shared/events/session-was-started.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { readModelDatabaseOver, tableNamesOf } from '../../../shared/database/read-model-database';
import { userSessions } from '../shared/user-sessions.table';
import { USER_SESSIONS_SUBSCRIPTION_ID } from '../shared/read-model-subscription-ids';

/**
 * A session starts once and only open sessions are ended (`ended_at IS NULL`), so a redelivered
 * event finds nothing left to change and the first end time stays.
 */
@Injectable()
export class UserSessionsProjection implements OnModuleInit {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription(USER_SESSIONS_SUBSCRIPTION_ID)
      .ownsTables(...tableNamesOf(userSessions))
      .onInitialPosition(async (tx) => {
        await readModelDatabaseOver(tx).delete(userSessions);
      })
      .onEvent<SessionWasStarted>('SessionWasStarted', async (event, tx) => {
        const { sessionId, userId, userAgent } = event.data;
        await readModelDatabaseOver(tx)
          .insert(userSessions)
          .values({ sessionId, userId, userAgent, startedAt: event.occurredAt, lastSeenAt: event.occurredAt })
          .onConflictDoNothing();
      })
      .onEvent<SessionWasEnded>('SessionWasEnded', async (event, tx) => {
        await readModelDatabaseOver(tx)
          .update(userSessions)
          .set({ endedAt: event.occurredAt })
          .where(and(eq(userSessions.sessionId, event.data.sessionId), isNull(userSessions.endedAt)));
      })
      .onEvent<PasswordWasChanged>('PasswordWasChanged', async (event, tx) => {
        const { userId, keptSessionId } = event.data;
        await readModelDatabaseOver(tx)
          .update(userSessions)
          .set({ endedAt: event.occurredAt })
          .where(and(eq(userSessions.userId, userId), ne(userSessions.sessionId, keptSessionId), isNull(userSessions.endedAt)));
      })
      // Whoever held the old password may hold a session too: a reset ends them all.
      .onEvent<PasswordWasReset>('PasswordWasReset', async (event, tx) => {
        await readModelDatabaseOver(tx)
          .update(userSessions)
          .set({ endedAt: event.occurredAt })
          .where(and(eq(userSessions.userId, event.data.userId), isNull(userSessions.endedAt)));
      })
      // A session without its row is refused (SESSION_ENDED): forgetting the sessions ends them, and their user agents go too.
      .onEvent<UserWasErased>('UserWasErased', async (event, tx) => {
        await readModelDatabaseOver(tx).delete(userSessions).where(eq(userSessions.userId, event.data.userId));
      })
      .build();
  }
}
