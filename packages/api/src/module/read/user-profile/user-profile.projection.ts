import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { UserProfileWasChanged } from '../../shared/events/user-profile-was-changed.event';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';

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
      .onInitialPosition(async (tx) => {
        await tx.query('DELETE FROM user_profiles');
      })
      .onEvent<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', async (event, tx) => {
        const { userId, fullName, emailAddress } = event.data;
        await tx.query(
          `INSERT INTO user_profiles (user_id, full_name, full_name_version, email_address, registered_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (user_id) DO UPDATE SET
             full_name = CASE WHEN user_profiles.full_name_version < excluded.full_name_version THEN excluded.full_name ELSE user_profiles.full_name END,
             full_name_version = greatest(user_profiles.full_name_version, excluded.full_name_version),
             email_address = excluded.email_address,
             registered_at = excluded.registered_at`,
          [userId, fullName, event.streamVersion, emailAddress, event.occurredAt],
        );
      })
      .onEvent<UserProfileWasChanged>('UserProfileWasChanged', async (event, tx) => {
        const { userId, fullName, image } = event.data;
        await tx.query(
          `INSERT INTO user_profiles AS profile (user_id, full_name, full_name_version, image, image_version)
           VALUES ($1, $2, CASE WHEN $2::text IS NULL THEN 0 ELSE $4::integer END, $3, CASE WHEN $3::text IS NULL THEN 0 ELSE $4::integer END)
           ON CONFLICT (user_id) DO UPDATE SET
             full_name = CASE WHEN $2::text IS NOT NULL AND profile.full_name_version < $4 THEN $2 ELSE profile.full_name END,
             full_name_version = CASE WHEN $2::text IS NOT NULL THEN greatest(profile.full_name_version, $4) ELSE profile.full_name_version END,
             image = CASE WHEN $3::text IS NOT NULL AND profile.image_version < $4 THEN $3 ELSE profile.image END,
             image_version = CASE WHEN $3::text IS NOT NULL THEN greatest(profile.image_version, $4) ELSE profile.image_version END`,
          [userId, fullName ?? null, image ?? null, event.streamVersion],
        );
      })
      .build();
  }
}
