import { Module } from '@nestjs/common';
import { UserSessionsProjection } from './user-sessions.projection';
import { UserSessionsController } from './user-sessions.controller';

/** Its table (module/read/shared) is also what every access-token check reads. */
@Module({ controllers: [UserSessionsController], providers: [UserSessionsProjection] })
export class UserSessionsReadModule {}
