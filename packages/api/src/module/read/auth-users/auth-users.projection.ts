import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import type { PasswordWasChanged } from '../../shared/events/password-was-changed.event';
import type { EmailConfirmationWasApproved } from '../../shared/events/email-confirmation-was-approved.event';
import type { PasswordWasReset } from '../../shared/events/password-was-reset.event';
import type { UserRegistrationWasStarted } from '../../shared/events/user-registration-was-started.event';
import type { UserWasGrantedAdminRole } from '../../shared/events/user-was-granted-admin-role.event';
import { AUTH_USERS_SUBSCRIPTION_ID } from '../shared/auth-users.table';

/** Every statement is idempotent (insert-if-absent, set-to-value), so redelivered events change nothing. */
@Injectable()
export class AuthUsersProjection implements OnModuleInit {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription(AUTH_USERS_SUBSCRIPTION_ID)
      .onInitialPosition(async (tx) => {
        await tx.query('DELETE FROM auth_users');
      })
      .onEvent<UserRegistrationWasStarted>('UserRegistrationWasStarted', async (event, tx) => {
        const { userId, emailAddress, hashedPassword } = event.data;
        await tx.query(
          `INSERT INTO auth_users (user_id, email_address, hashed_password) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [userId, emailAddress, hashedPassword],
        );
      })
      .onEvent<EmailConfirmationWasApproved>('EmailConfirmationWasApproved', async (event, tx) => {
        if (event.data.confirmationFor !== USER_REGISTRATION_CONFIRMATION) return;
        await tx.query('UPDATE auth_users SET email_confirmed = true WHERE user_id = $1', [event.data.userId]);
      })
      .onEvent<UserWasGrantedAdminRole>('UserWasGrantedAdminRole', async (event, tx) => {
        await tx.query(`UPDATE auth_users SET role = 'admin' WHERE user_id = $1`, [event.data.userId]);
      })
      .onEvent<PasswordWasChanged>('PasswordWasChanged', async (event, tx) => {
        await tx.query('UPDATE auth_users SET hashed_password = $2 WHERE user_id = $1', [event.data.userId, event.data.hashedPassword]);
      })
      .onEvent<PasswordWasReset>('PasswordWasReset', async (event, tx) => {
        await tx.query('UPDATE auth_users SET hashed_password = $2 WHERE user_id = $1', [event.data.userId, event.data.hashedPassword]);
      })
      .build();
  }
}
