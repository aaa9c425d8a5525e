import { Module } from '@nestjs/common';
import { CompleteUserRegistrationCommandHandler } from './application/complete-user-registration.command-handler';
import { PASSWORD_HASHER } from './application/password-hasher.port';
import { RegisterUserCommandHandler } from './application/register-user.command-handler';
import { ScryptPasswordHasher } from './infrastructure/scrypt-password-hasher';
import { UserRegistrationController } from './presentation/rest/user-registration.controller';

@Module({
  controllers: [UserRegistrationController],
  providers: [
    RegisterUserCommandHandler,
    CompleteUserRegistrationCommandHandler,
    { provide: PASSWORD_HASHER, useClass: ScryptPasswordHasher },
  ],
})
export class UserRegistrationWriteModule {}
