import { Module } from '@nestjs/common';
import { USER_ACCOUNTS_PORT } from './application/user-accounts.port';
import { AuthUsersUserAccountsAdapter } from './infrastructure/auth-users.user-accounts-adapter';
import { AdminRoleGrantController } from './presentation/rest/admin-role-grant.controller';

/**
 * An endpoint without a stream of its own: it checks the account in the accounts read model and
 * sends the shared GrantAdminRole command, which module/write/user-roles decides.
 */
@Module({
  controllers: [AdminRoleGrantController],
  providers: [{ provide: USER_ACCOUNTS_PORT, useClass: AuthUsersUserAccountsAdapter }],
})
export class AdminRoleGrantWriteModule {}
