import { Module } from '@nestjs/common';
import { GrantAdminRoleCommandHandler } from './application/grant-admin-role.command-handler';

/** No endpoint: admins are granted at start-up (ADMIN_EMAIL) and by the `grant-admin` CLI command. */
@Module({ providers: [GrantAdminRoleCommandHandler] })
export class UserRolesWriteModule {}
