import { Module } from '@nestjs/common';
import { CoursesProjection } from './courses.projection';
import { CoursesController } from './courses.controller';
import { ParticipantCourseController } from './participant-course.controller';

@Module({ controllers: [CoursesController, ParticipantCourseController], providers: [CoursesProjection] })
export class CoursesReadModule {}
