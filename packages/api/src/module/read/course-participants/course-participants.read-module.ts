import { Module } from '@nestjs/common';
import { CourseParticipantsProjection } from './course-participants.projection';

/** No endpoint of its own: its tables (module/read/shared) serve other slices' ports and automations. */
@Module({ providers: [CourseParticipantsProjection] })
export class CourseParticipantsReadModule {}
