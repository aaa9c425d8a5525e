import { Module } from '@nestjs/common';
import { CreateCourseCommandHandler } from './application/create-course.command-handler';
import { CourseController } from './presentation/rest/course.controller';

@Module({ controllers: [CourseController], providers: [CreateCourseCommandHandler] })
export class CourseWriteModule {}
