import { Module } from '@nestjs/common';
import { CREDENTIALS_PORT } from './application/credentials.port';
import { EndUserSessionCommandHandler } from './application/end-user-session.command-handler';
import { StartUserSessionCommandHandler } from './application/start-user-session.command-handler';
import { AuthUsersCredentialsAdapter } from './infrastructure/auth-users.credentials-adapter';
import { UserSessionsController } from './presentation/rest/user-sessions.controller';

@Module({
  controllers: [UserSessionsController],
  providers: [StartUserSessionCommandHandler, EndUserSessionCommandHandler, { provide: CREDENTIALS_PORT, useClass: AuthUsersCredentialsAdapter }],
})
export class UserSessionsWriteModule {}
