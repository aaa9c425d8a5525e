import { ApiProperty } from '@nestjs/swagger';
import { MAX_PARTITIONS } from '@coderscamp/event-sourcing';

export class SubscriptionHealthResponse {
  @ApiProperty({ example: 'CourseProgressReadModel_v1' })
  subscriptionId!: string;

  @ApiProperty({
    enum: ['stopped', 'starting', 'standby', 'catching-up', 'waiting', 'live', 'retrying', 'failed'],
    description: '`waiting`: holds events back until a subscription whose read model it reads (`waitingFor`) has caught up',
  })
  state!: string;

  @ApiProperty({ nullable: true, type: String, description: 'While waiting: the subscription it waits for' })
  waitingFor!: string | null;

  @ApiProperty({ description: 'Whether this instance runs the subscription, or one of its partitions (another instance may)' })
  active!: boolean;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PARTITIONS, description: 'How many partitions the subscription runs as (1: not partitioned)' })
  partitions!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_PARTITIONS - 1, isArray: true, description: 'The partitions this instance runs, from 0' })
  heldPartitions!: number[];

  @ApiProperty({
    type: 'integer',
    format: 'int64',
    description: 'Events written after the subscription position (of the slowest partition): counted up to 1,000, estimated from positions beyond (see lagExact)',
  })
  lagEvents!: number;

  @ApiProperty({ description: 'Whether lagEvents was counted (true) or estimated from positions (false)' })
  lagExact!: boolean;

  @ApiProperty({ description: 'Age of the oldest event not yet handled' })
  lagSeconds!: number;

  @ApiProperty({ type: 'integer', format: 'int64' })
  parkedEvents!: number;

  @ApiProperty({ nullable: true, type: String, description: 'Message of the last handler failure' })
  lastError!: string | null;
}

export class HealthStatusResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: 'ok' | 'degraded';

  @ApiProperty({ enum: ['up', 'down'] })
  database!: 'up' | 'down';

  @ApiProperty({
    format: 'date-time',
    description: 'When the figures below were read: statuses are read in the background every 0.5 s while asked, and never given older than 2 s',
  })
  observedAt!: string;

  @ApiProperty({ type: [SubscriptionHealthResponse] })
  subscriptions!: SubscriptionHealthResponse[];
}

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ready'] })
  status!: 'ready';
}
