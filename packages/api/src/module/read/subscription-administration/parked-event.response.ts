import { ApiProperty } from '@nestjs/swagger';

export class ParkedEventResponse {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'TaskWasCompleted' })
  eventType!: string;

  @ApiProperty({ example: 'CourseProgress_0b0e5c7e-3c2e-4f0e-9d55-2f1d7f5b9a01' })
  streamName!: string;

  @ApiProperty({ example: '1042', description: 'Global position in the log (a 64-bit integer, as a string)' })
  globalPosition!: string;

  @ApiProperty({ description: 'The handler\'s last failure' })
  error!: string;

  @ApiProperty({ type: 'integer', format: 'int32', description: 'How often the handler failed on it, replays included' })
  attempts!: number;

  @ApiProperty({ format: 'date-time', description: 'When the handler last failed on it' })
  failedAt!: string;
}
