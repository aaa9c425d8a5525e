import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** The SDK's stream names: `<Category>_<id>`, the category letters and digits from a letter, 512 characters at most. */
const CATEGORY_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;
const STREAM_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]*_[\s\S]+$/;
const MAX_STREAM_NAME_LENGTH = 512;
export const MAX_PAGE_LIMIT = 100;
const DEFAULT_PAGE_LIMIT = 20;
const MAX_SEARCH_LENGTH = 100;

export class StreamListRequest {
  @ApiProperty({ pattern: CATEGORY_PATTERN.source, maxLength: MAX_STREAM_NAME_LENGTH - 2, example: 'UserRegistration' })
  @Matches(CATEGORY_PATTERN)
  @MaxLength(MAX_STREAM_NAME_LENGTH - 2)
  category!: string;

  @ApiPropertyOptional({
    maxLength: MAX_SEARCH_LENGTH,
    example: '6f1c',
    description: 'Only streams whose id (the part after `<Category>_`) contains this text, in any case; blank matches every stream',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SEARCH_LENGTH)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  search?: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = DEFAULT_PAGE_LIMIT;

  @ApiPropertyOptional({ pattern: STREAM_NAME_PATTERN.source, maxLength: MAX_STREAM_NAME_LENGTH, description: 'The previous page\'s `next`: a stream of this category' })
  @IsOptional()
  @Matches(STREAM_NAME_PATTERN)
  @MaxLength(MAX_STREAM_NAME_LENGTH)
  after?: string;
}

export class StreamNameRequest {
  @ApiProperty({ pattern: STREAM_NAME_PATTERN.source, maxLength: MAX_STREAM_NAME_LENGTH, example: 'UserRegistration_6f1c1c1e-8d7a-4f55-9a57-3f5a7c2b1e90' })
  @Matches(STREAM_NAME_PATTERN)
  @MaxLength(MAX_STREAM_NAME_LENGTH)
  streamName!: string;
}

export class StreamEventsRequest {
  @ApiPropertyOptional({ type: 'integer', format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, description: 'Events after this version: the previous page\'s `next`' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after: number = 0;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = DEFAULT_PAGE_LIMIT;
}
