import { Module } from '@nestjs/common';
import { UserProfileProjection } from './user-profile.projection';
import { UserProfileRestController } from './user-profile.rest-controller';

@Module({ controllers: [UserProfileRestController], providers: [UserProfileProjection] })
export class UserProfileReadModule {}
