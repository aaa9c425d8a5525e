import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HttpErrorBody } from './http-error-body';

/** `HttpErrorBody` as the OpenAPI document shows it: the schema of every error response. */
export class HttpErrorResponse implements HttpErrorBody {
  @ApiProperty({ type: 'integer', format: 'int32', example: 409 })
  statusCode!: number;

  @ApiProperty({ description: 'Stable, machine-readable; clients match on it. Each response lists its codes.' })
  code!: string;

  @ApiProperty({ description: 'For people; may change wording' })
  message!: string;

  @ApiPropertyOptional({ type: [String], description: 'One entry per rejected field, for request validation failures only (VALIDATION_FAILED, WEAK_PASSWORD)' })
  details?: string[];
}
