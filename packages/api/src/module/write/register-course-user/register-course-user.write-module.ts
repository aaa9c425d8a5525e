import { Module } from '@nestjs/common';
import { RegisterCourseUserCommandHandler } from './application/register-course-user.command-handler';

/** No endpoint: users are enrolled by the automation that follows completed registrations. */
@Module({ providers: [RegisterCourseUserCommandHandler] })
export class RegisterCourseUserWriteModule {}
