import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ACCEPTABLE_CORRELATION_ID } from '../../../shared/observability/correlation-id';

export class CorrelationIdRequest {
  @ApiProperty({ pattern: ACCEPTABLE_CORRELATION_ID.source, maxLength: 128, description: 'A request\'s X-Correlation-Id' })
  // The ids the app accepts in X-Correlation-Id: anything else cannot be in the store.
  @Matches(ACCEPTABLE_CORRELATION_ID)
  correlationId!: string;
}
