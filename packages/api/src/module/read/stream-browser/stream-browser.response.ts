import { ApiProperty } from '@nestjs/swagger';

export class StreamCategoryResponse {
  @ApiProperty({ example: 'UserRegistration' })
  category!: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Streams of the category with at least one event' })
  streams!: number;

  @ApiProperty({ type: 'integer', format: 'int64' })
  events!: number;
}

export class StreamSummaryResponse {
  @ApiProperty({ example: 'UserRegistration_6f1c1c1e-8d7a-4f55-9a57-3f5a7c2b1e90' })
  streamName!: string;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 1, description: 'Events in the stream: its version' })
  events!: number;

  @ApiProperty({ format: 'date-time', description: 'When its latest event occurred' })
  lastEventAt!: string;
}

export class StreamListResponse {
  @ApiProperty({ type: [StreamSummaryResponse], description: 'By stream name, in code point order' })
  items!: StreamSummaryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page' })
  next!: string | null;
}

export type StreamEventMetadata = Readonly<{ correlationId: string; causationId: string } & Record<string, unknown>>;

export class StreamEventResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'UserRegistrationWasStarted' })
  type!: string;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 1, description: 'Position in the stream, from 1' })
  version!: number;

  @ApiProperty({ example: '1024', description: 'Position in the global log (a decimal string: it may exceed 2^53)' })
  globalPosition!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, description: 'The shape the data is in: always the newest, as every read lifts older events' })
  schemaVersion!: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As the application reads it: personal fields decrypted, or "[erased]" once their subject is erased' })
  data!: unknown;

  // Inline: whatever else the writer recorded stays (the command's trace under `command`), which a named schema would forbid.
  @ApiProperty({
    type: 'object',
    selfRequired: true,
    required: ['correlationId', 'causationId'],
    properties: {
      correlationId: { type: 'string', example: 'trace-registration-1', description: 'The request that set it in motion: the causation explorer\'s key' },
      causationId: { type: 'string', description: 'The command (or event) that caused it' },
    },
    additionalProperties: true,
  })
  metadata!: StreamEventMetadata;
}

export class StreamEventsResponse {
  @ApiProperty({ example: 'UserRegistration_6f1c1c1e-8d7a-4f55-9a57-3f5a7c2b1e90' })
  streamName!: string;

  @ApiProperty({ example: 'UserRegistration' })
  category!: string;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 1, description: 'Position of the stream\'s last event' })
  version!: number;

  @ApiProperty({ type: [StreamEventResponse], description: 'In stream order' })
  items!: StreamEventResponse[];

  @ApiProperty({ type: 'integer', format: 'int64', nullable: true, description: 'Pass as `after` for the next page; null on the last page' })
  next!: number | null;
}
