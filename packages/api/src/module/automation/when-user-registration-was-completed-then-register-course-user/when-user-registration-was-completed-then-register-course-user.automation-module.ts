import { Module } from '@nestjs/common';
import { WhenUserRegistrationWasCompletedThenRegisterCourseUser } from './when-user-registration-was-completed-then-register-course-user.automation';

@Module({ providers: [WhenUserRegistrationWasCompletedThenRegisterCourseUser] })
export class WhenUserRegistrationWasCompletedThenRegisterCourseUserAutomationModule {}
