import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsString, Length, MaxLength } from 'class-validator';

/** The longest ISO 8601 date-time: with fractional seconds and an offset. */
const MAX_DATE_TIME_LENGTH = 35;

export class CreateCourseRequest {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'CodersCamp 2025' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ format: 'date-time', maxLength: MAX_DATE_TIME_LENGTH, example: '2025-09-01T00:00:00Z' })
  @MaxLength(MAX_DATE_TIME_LENGTH)
  @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ format: 'date-time', maxLength: MAX_DATE_TIME_LENGTH, example: '2026-03-01T00:00:00Z', description: 'Must be after startsAt' })
  @MaxLength(MAX_DATE_TIME_LENGTH)
  @IsISO8601({ strict: true })
  endsAt!: string;
}
