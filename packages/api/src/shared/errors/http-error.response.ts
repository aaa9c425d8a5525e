import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { HttpErrorBody } from './http-error-body';

/** The error shape in the API docs; see HttpErrorBody. */
export class HttpErrorResponse implements HttpErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable: clients match on it' })
  code!: string;

  @ApiProperty({ example: 'Request validation failed' })
  message!: string;

  @ApiPropertyOptional({ type: [String], description: 'One entry per rejected field (VALIDATION_FAILED only)' })
  details?: string[];
}
