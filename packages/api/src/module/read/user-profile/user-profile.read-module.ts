import { Module } from '@nestjs/common';
import { UserProfileProjection } from './user-profile.projection';
import { UserProfileController } from './user-profile.controller';

@Module({ controllers: [UserProfileController], providers: [UserProfileProjection] })
export class UserProfileReadModule {}
