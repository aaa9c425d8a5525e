import { Injectable, type OnModuleInit } from '@nestjs/common';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { UserProfileWasChanged } from '../../shared/events/user-profile-was-changed.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import { readModelDatabaseOver, tableNamesOf } from '../../../shared/database/read-model-database';
import { userProfiles } from './user-profile.table';

/** Named for reads that report the feed position they reflect. */
export const USER_PROFILE_SUBSCRIPTION_ID = 'UserProfileReadModel_v1';

/**
 * A profile exists once registration completed (the address is confirmed by then). Both events
 * upsert, and a field is written only by an event newer than the one that wrote it: a change that
 * arrives before the completion still lands, and a redelivery changes nothing.
 */
@Injectable()
export class UserProfileProjection implements OnModuleInit {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription(USER_PROFILE_SUBSCRIPTION_ID)
      .ownsTables(...tableNamesOf(userProfiles))
      .onInitialPosition(async (tx) => {
        await readModelDatabaseOver(tx).delete(userProfiles);
      })
      .onEvent<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', async (event, tx) => {
        const { userId, fullName, emailAddress } = event.data;
        const registeredAt = event.occurredAt;
        await readModelDatabaseOver(tx)
          .insert(userProfiles)
          .values({ userId, fullName, fullNameVersion: event.streamVersion, emailAddress, registeredAt })
          .onConflictDoUpdate({
            target: userProfiles.userId,
            set: { ...fullNameIfNewer(fullName, event.streamVersion), emailAddress, registeredAt },
          });
      })
      .onEvent<UserProfileWasChanged>('UserProfileWasChanged', async (event, tx) => {
        const { userId, fullName, image } = event.data;
        const version = event.streamVersion;
        const changed = {
          ...(fullName === undefined ? {} : fullNameIfNewer(fullName, version)),
          ...(image === undefined ? {} : imageIfNewer(image, version)),
        };
        const insert = readModelDatabaseOver(tx)
          .insert(userProfiles)
          .values({
            userId,
            fullName: fullName ?? null,
            fullNameVersion: fullName === undefined ? 0 : version,
            image: image ?? null,
            imageVersion: image === undefined ? 0 : version,
          });
        // An UPDATE needs a column to set; a change that names no field leaves an existing row as it is.
        await (Object.keys(changed).length === 0 ? insert.onConflictDoNothing() : insert.onConflictDoUpdate({ target: userProfiles.userId, set: changed }));
      })
      .onEvent<UserWasErased>('UserWasErased', async (event, tx) => {
        await readModelDatabaseOver(tx).delete(userProfiles).where(eq(userProfiles.userId, event.data.userId));
      })
      .build();
  }
}

const fullNameIfNewer = (fullName: string, streamVersion: number) => ({
  fullName: valueIfNewer(userProfiles.fullName, userProfiles.fullNameVersion, fullName, streamVersion),
  fullNameVersion: newerVersion(userProfiles.fullNameVersion, streamVersion),
});

const imageIfNewer = (image: string, streamVersion: number) => ({
  image: valueIfNewer(userProfiles.image, userProfiles.imageVersion, image, streamVersion),
  imageVersion: newerVersion(userProfiles.imageVersion, streamVersion),
});

/** The event's value where the event is newer than the one that wrote the field, else the field's. */
function valueIfNewer(field: PgColumn, fieldVersion: PgColumn, value: string, streamVersion: number): SQL {
  return sql`CASE WHEN ${fieldVersion} < ${streamVersion} THEN ${value} ELSE ${field} END`;
}

function newerVersion(fieldVersion: PgColumn, streamVersion: number): SQL {
  return sql`greatest(${fieldVersion}, ${streamVersion})`;
}
