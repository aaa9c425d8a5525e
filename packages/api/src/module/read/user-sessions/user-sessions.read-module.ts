import { Module } from '@nestjs/common';
import { UserSessionsProjection } from './user-sessions.projection';
import { UserSessionsRestController } from './user-sessions.rest-controller';

/** Its table (module/read/shared) is also what every access-token check reads. */
@Module({ controllers: [UserSessionsRestController], providers: [UserSessionsProjection] })
export class UserSessionsReadModule {}
