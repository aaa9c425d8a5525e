import { Module } from '@nestjs/common';
import { AuthUsersProjection } from './auth-users.projection';

/** Its table (module/read/shared) serves login, the password change, the roles guard and the lookups by address. */
@Module({
  providers: [AuthUsersProjection],
})
export class AuthUsersReadModule {}
