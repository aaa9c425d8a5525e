import { ApiProperty } from '@nestjs/swagger';

export class SubscriptionRebuildResponse {
  @ApiProperty({ example: 'CourseProgressReadModel_v1' })
  subscriptionId!: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Events in the log when it was requested: what the rebuild replays; its progress is in GET /api/admin/subscriptions' })
  eventsToReplay!: number;
}
