import { ApiProperty } from '@nestjs/swagger';

export class SubscriptionActionResponse {
  @ApiProperty({ format: 'uuid', description: 'The event that records the action' })
  eventId!: string;

  @ApiProperty({ example: '1042', description: 'Its global position in the log (a 64-bit integer, as a string)' })
  globalPosition!: string;

  @ApiProperty({ enum: ['replay', 'skip', 'rebuild'] })
  action!: 'replay' | 'skip' | 'rebuild';

  @ApiProperty({ example: 'CourseProgressReadModel_v1' })
  subscriptionId!: string;

  @ApiProperty({ format: 'uuid', description: 'The administrator who acted' })
  adminId!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The parked event replayed or skipped; null for a rebuild' })
  parkedEventId!: string | null;

  @ApiProperty({
    example: 'handled',
    description: 'What came of it: `handled` or `still-failing` for a replay, `skipped`, or `requested` for a rebuild',
  })
  outcome!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The handler\'s failure of a replay still failing; null otherwise' })
  error!: string | null;
}

export class SubscriptionActionsPageResponse {
  @ApiProperty({ type: [SubscriptionActionResponse], description: 'Newest first' })
  actions!: SubscriptionActionResponse[];

  @ApiProperty({ type: String, nullable: true, example: '1042', description: 'Pass as `before` for the next page; null on the last page' })
  nextBefore!: string | null;
}
