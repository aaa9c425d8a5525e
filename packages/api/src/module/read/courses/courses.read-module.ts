import { Module } from '@nestjs/common';
import { CoursesProjection } from './courses.projection';
import { CoursesController } from './courses.controller';

@Module({ controllers: [CoursesController], providers: [CoursesProjection] })
export class CoursesReadModule {}
