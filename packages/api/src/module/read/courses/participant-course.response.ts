import { ApiProperty } from '@nestjs/swagger';

export class ParticipantCourseResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'CodersCamp 2025', description: 'Null while the course is not created yet (CURRENT_COURSE_ID may name one created later)' })
  name!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while the course is not created yet' })
  startsAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while the course is not created yet' })
  endsAt!: string | null;
}
