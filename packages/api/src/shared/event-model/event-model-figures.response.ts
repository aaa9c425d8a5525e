import { ApiProperty } from '@nestjs/swagger';

export class CommandFiguresResponse {
  @ApiProperty({ example: 'RegisterUser' })
  type!: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Executions through the command bus since this instance started, whatever their outcome' })
  handled!: number;

  @ApiProperty({ type: 'integer', format: 'int64' })
  succeeded!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', format: 'int64' },
    example: { EMAIL_ALREADY_REGISTERED: 2 },
    description: 'Failed executions by the stable code of their error, the code an HTTP client gets',
  })
  rejected!: Record<string, number>;
}

export class SubscriptionFiguresResponse {
  @ApiProperty({ example: 'CourseProgressReadModel_v1' })
  subscriptionId!: string;

  @ApiProperty({
    enum: ['stopped', 'starting', 'standby', 'catching-up', 'waiting', 'live', 'retrying', 'failed'],
    description: 'As this instance sees it: `standby` while another instance runs it',
  })
  state!: string;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Events written after its position' })
  lagEvents!: number;

  @ApiProperty({ description: 'Age of the oldest event not yet handled' })
  lagSeconds!: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Parked events not yet replayed or skipped' })
  parkedEvents!: number;
}

export class EventModelFiguresResponse {
  @ApiProperty({ format: 'date-time', description: 'When this instance started counting; each instance counts its own commands' })
  countedSince!: string;

  @ApiProperty({ type: [CommandFiguresResponse], description: 'Per command type this instance executed, by type' })
  commands!: CommandFiguresResponse[];

  @ApiProperty({ type: [SubscriptionFiguresResponse], description: 'Every durable subscription, by id' })
  subscriptions!: SubscriptionFiguresResponse[];
}
