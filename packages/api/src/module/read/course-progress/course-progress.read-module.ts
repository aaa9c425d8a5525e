import { Module } from '@nestjs/common';
import { CourseProgressProjection } from './course-progress.projection';
import { CourseProgressController } from './course-progress.controller';

@Module({ providers: [CourseProgressProjection], controllers: [CourseProgressController] })
export class CourseProgressReadModule {}
