import { Module } from '@nestjs/common';
import { ChangeUserProfileCommandHandler } from './application/change-user-profile.command-handler';
import { CompleteUserRegistrationCommandHandler } from './application/complete-user-registration.command-handler';
import { PASSWORD_HASHER } from './application/password-hasher.port';
import { RegisterUserCommandHandler } from './application/register-user.command-handler';
import { ScryptPasswordHasher } from './infrastructure/scrypt.password-hasher-adapter';
import { UserProfileController } from './presentation/rest/user-profile.controller';
import { UserRegistrationController } from './presentation/rest/user-registration.controller';

@Module({
  controllers: [UserRegistrationController, UserProfileController],
  providers: [
    RegisterUserCommandHandler,
    CompleteUserRegistrationCommandHandler,
    ChangeUserProfileCommandHandler,
    { provide: PASSWORD_HASHER, useClass: ScryptPasswordHasher },
  ],
})
export class UserRegistrationWriteModule {}
