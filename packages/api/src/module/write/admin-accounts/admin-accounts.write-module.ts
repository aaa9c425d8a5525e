import { Module } from '@nestjs/common';
import { ACCOUNTS_PORT } from './application/accounts.port';
import { AdminAccounts } from './application/admin-accounts.process';
import { AuthUsersAccountsAdapter } from './infrastructure/auth-users.accounts-adapter';

/** No endpoint: the first admin is made at start-up (ADMIN_EMAIL) and others by the `grant-admin` CLI command. */
@Module({ providers: [AdminAccounts, { provide: ACCOUNTS_PORT, useClass: AuthUsersAccountsAdapter }], exports: [AdminAccounts] })
export class AdminAccountsWriteModule {}
