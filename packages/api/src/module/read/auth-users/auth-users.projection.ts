import { Injectable, type OnModuleInit } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { EventsSubscriptionsFactory, isErased } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import { USER_REGISTRATION_CONFIRMATION } from '../../shared/email-confirmation-token';
import type { PasswordWasChanged } from '../../shared/events/password-was-changed.event';
import type { EmailConfirmationWasApproved } from '../../shared/events/email-confirmation-was-approved.event';
import type { PasswordWasReset } from '../../shared/events/password-was-reset.event';
import type { UserRegistrationWasStarted } from '../../shared/events/user-registration-was-started.event';
import type { UserWasErased } from '../../shared/events/user-was-erased.event';
import type { UserWasGrantedAdminRole } from '../../shared/events/user-was-granted-admin-role.event';
import { readModelDatabaseOver, tableNamesOf } from '../../../shared/database/read-model-database';
import { authUsers, type AuthUser } from '../shared/auth-users.table';
import { AUTH_USERS_SUBSCRIPTION_ID } from '../shared/read-model-subscription-ids';

/** Every statement is idempotent (insert-if-absent, set-to-value), so redelivered events change nothing. */
@Injectable()
export class AuthUsersProjection implements OnModuleInit {
  constructor(private readonly subscriptions: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptions
      .subscription(AUTH_USERS_SUBSCRIPTION_ID)
      .ownsTables(...tableNamesOf(authUsers))
      .onInitialPosition(async (tx) => {
        await readModelDatabaseOver(tx).delete(authUsers);
      })
      .onEvent<UserRegistrationWasStarted>('UserRegistrationWasStarted', async (event, tx) => {
        const { userId, emailAddress, hashedPassword } = event.data;
        // An erased user's registration (met again on a rebuild) has no address left: a row for it
        // could only clash with other erased users' on the unique address, and UserWasErased follows.
        if (isErased(emailAddress)) return;
        await readModelDatabaseOver(tx).insert(authUsers).values({ userId, emailAddress, hashedPassword }).onConflictDoNothing();
      })
      .onEvent<EmailConfirmationWasApproved>('EmailConfirmationWasApproved', async (event, tx) => {
        if (event.data.confirmationFor !== USER_REGISTRATION_CONFIRMATION) return;
        await setAccountFields(tx, event.data.userId, { emailConfirmed: true });
      })
      .onEvent<UserWasGrantedAdminRole>('UserWasGrantedAdminRole', async (event, tx) => {
        await setAccountFields(tx, event.data.userId, { role: 'admin' });
      })
      .onEvent<PasswordWasChanged>('PasswordWasChanged', async (event, tx) => {
        await setAccountFields(tx, event.data.userId, { hashedPassword: event.data.hashedPassword });
      })
      .onEvent<PasswordWasReset>('PasswordWasReset', async (event, tx) => {
        await setAccountFields(tx, event.data.userId, { hashedPassword: event.data.hashedPassword });
      })
      // Login finds no account from now on, and the address is free for a new registration.
      .onEvent<UserWasErased>('UserWasErased', async (event, tx) => {
        await readModelDatabaseOver(tx).delete(authUsers).where(eq(authUsers.userId, event.data.userId));
      })
      .build();
  }
}

async function setAccountFields(tx: SqlExecutor, userId: string, fields: Partial<Omit<AuthUser, 'userId'>>): Promise<void> {
  await readModelDatabaseOver(tx).update(authUsers).set(fields).where(eq(authUsers.userId, userId));
}
