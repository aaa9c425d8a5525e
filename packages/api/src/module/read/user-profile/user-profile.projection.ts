import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { UserRegistrationWasCompleted } from '../../shared/events/user-registration-was-completed.event';

/** A profile exists once registration completed (the address is confirmed by then). */
@Injectable()
export class UserProfileProjection implements OnModuleInit {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription('UserProfileReadModel_v1')
      .onInitialPosition(async (tx) => {
        await tx.query('DELETE FROM user_profiles');
      })
      .onEvent<UserRegistrationWasCompleted>('UserRegistrationWasCompleted', async (event, tx) => {
        const { userId, fullName, emailAddress } = event.data;
        await tx.query(
          `INSERT INTO user_profiles (user_id, full_name, email_address, registered_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [userId, fullName, emailAddress, event.occurredAt],
        );
      })
      .build();
  }
}
