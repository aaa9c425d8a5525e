import { Module } from '@nestjs/common';
import { ChangeUserProfileCommandHandler } from './application/change-user-profile.command-handler';
import { CompleteUserRegistrationCommandHandler } from './application/complete-user-registration.command-handler';
import { CREDENTIALS_PORT } from './application/credentials.port';
import { EraseUserCommandHandler } from './application/erase-user.command-handler';
import { PASSWORD_HASHER } from './application/password-hasher.port';
import { RegisterUserCommandHandler } from './application/register-user.command-handler';
import { AuthUsersCredentialsAdapter } from './infrastructure/auth-users.credentials-adapter';
import { ScryptPasswordHasher } from './infrastructure/scrypt.password-hasher-adapter';
import { UserErasureController } from './presentation/rest/user-erasure.controller';
import { UserProfileController } from './presentation/rest/user-profile.controller';
import { UserRegistrationController } from './presentation/rest/user-registration.controller';

@Module({
  controllers: [UserRegistrationController, UserProfileController, UserErasureController],
  providers: [
    RegisterUserCommandHandler,
    CompleteUserRegistrationCommandHandler,
    ChangeUserProfileCommandHandler,
    EraseUserCommandHandler,
    { provide: PASSWORD_HASHER, useClass: ScryptPasswordHasher },
    { provide: CREDENTIALS_PORT, useClass: AuthUsersCredentialsAdapter },
  ],
})
export class UserRegistrationWriteModule {}
