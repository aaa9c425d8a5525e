import { Module } from '@nestjs/common';
import { CoursesProjection } from './courses.projection';
import { CoursesRestController } from './courses.rest-controller';

@Module({ controllers: [CoursesRestController], providers: [CoursesProjection] })
export class CoursesReadModule {}
