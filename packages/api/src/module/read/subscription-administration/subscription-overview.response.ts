import { ApiProperty } from '@nestjs/swagger';

export class SubscriptionFailureResponse {
  @ApiProperty({ example: 'Course 0b0e5c7e-3c2e-4f0e-9d55-2f1d7f5b9a01 not found' })
  message!: string;

  @ApiProperty({ format: 'uuid', description: 'The event its handler failed on' })
  eventId!: string;

  @ApiProperty({ example: 'TaskWasCompleted' })
  eventType!: string;

  @ApiProperty({ example: '1042', description: 'The event\'s global position in the log (a 64-bit integer, as a string)' })
  globalPosition!: string;

  @ApiProperty({ type: 'integer', format: 'int32' })
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  failedAt!: string;
}

export class SubscriptionOverviewResponse {
  @ApiProperty({ example: 'CourseProgressReadModel_v1' })
  subscriptionId!: string;

  @ApiProperty({
    enum: ['stopped', 'starting', 'standby', 'catching-up', 'waiting', 'live', 'retrying', 'failed'],
    description: 'As this instance sees it: `standby` while another instance runs it',
  })
  state!: string;

  @ApiProperty({ type: String, nullable: true, example: '1042', description: 'Global position of the last event it has passed (a 64-bit integer, as a string); null before it first ran' })
  position!: string | null;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Events written after its position' })
  lagEvents!: number;

  @ApiProperty({ description: 'Age of the oldest event not yet handled' })
  lagSeconds!: number;

  @ApiProperty({ type: SubscriptionFailureResponse, nullable: true, description: 'The last handler failure; null when none is recorded' })
  lastError!: SubscriptionFailureResponse | null;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Parked events not yet replayed or skipped' })
  parkedEvents!: number;
}
