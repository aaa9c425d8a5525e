import { ApiProperty } from '@nestjs/swagger';

export class CourseResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'CodersCamp 2025' })
  name!: string;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  endsAt!: string;

  @ApiProperty({ description: 'The edition a participant completing registration now joins: CURRENT_COURSE_ID, else the latest started; at most one is current' })
  current!: boolean;
}
