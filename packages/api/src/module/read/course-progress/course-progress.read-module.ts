import { Module } from '@nestjs/common';
import { CourseProgressProjection } from './course-progress.projection';
import { CourseProgressRestController } from './course-progress.rest-controller';

@Module({ providers: [CourseProgressProjection], controllers: [CourseProgressRestController] })
export class CourseProgressReadModule {}
