import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HttpErrorBody } from './http-error-body';

/** `HttpErrorBody` as the OpenAPI document shows it: the schema of every error response. */
export class HttpErrorResponse implements HttpErrorBody {
  @ApiProperty({ example: 409 })
  statusCode!: number;

  @ApiProperty({ description: 'Stable, machine-readable; clients match on it', example: 'EMAIL_ALREADY_REGISTERED' })
  code!: string;

  @ApiProperty({ description: 'For people; may change wording', example: 'This email address is already registered' })
  message!: string;

  @ApiPropertyOptional({ type: [String], description: 'One entry per rejected field, for request validation failures only (VALIDATION_FAILED, WEAK_PASSWORD)' })
  details?: string[];
}
