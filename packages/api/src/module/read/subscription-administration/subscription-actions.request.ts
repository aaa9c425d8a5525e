import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const MAX_LIMIT = 100;

export class SubscriptionActionsRequest {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_LIMIT, default: 20, description: 'Actions per page' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit: number = 20;

  @ApiPropertyOptional({
    pattern: '^[1-9][0-9]{0,18}$',
    maxLength: 19,
    example: '1042',
    description: 'Only actions recorded before this global position: the previous page\'s `nextBefore`',
  })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/)
  before?: string;
}
