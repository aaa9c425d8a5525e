import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_LIMIT = 100;
const MAX_SEARCH_LENGTH = 100;
/** Beyond any real page or limit: larger numbers are mistakes (or probes), refused with 400. */
const MAX_PAGE = 1_000_000;

export class UserProfilePageRequest {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: MAX_PAGE,
    default: 20,
    description: `Profiles per page. Values above ${MAX_PAGE_LIMIT} are not refused but capped at ${MAX_PAGE_LIMIT} (the response's limit says which applied)`,
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  // Capped before validation, but only within MAX_PAGE: beyond it @Max refuses, as documented.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' && value <= MAX_PAGE ? Math.min(value, MAX_PAGE_LIMIT) : value))
  limit: number = 20;

  @ApiPropertyOptional({
    maxLength: MAX_SEARCH_LENGTH,
    example: 'kowalski',
    description: 'Only users whose name or email address contains this text, in any case; blank matches everyone',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SEARCH_LENGTH)
  q?: string;
}
