import { ApiProperty } from '@nestjs/swagger';

export type SubscriptionRebuildProgress = Readonly<{ requestedAt: string; requestedBy: string; eventsToReplay: number; done: number; finished: boolean; error: string | null }>;

export type SubscriptionFailure = Readonly<{ message: string; eventId: string; eventType: string; globalPosition: string; attempts: number; failedAt: string }>;

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

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Events written after its position: counted up to 1,000, estimated from positions beyond (see lagExact)' })
  lagEvents!: number;

  @ApiProperty({ description: 'Whether lagEvents was counted (true) or estimated from positions (false)' })
  lagExact!: boolean;

  @ApiProperty({ description: 'Age of the oldest event not yet handled' })
  lagSeconds!: number;

  // Inline: OpenAPI 3.0 has no nullable reference to a schema (`nullable` needs a `type` beside it).
  @ApiProperty({
    type: 'object',
    nullable: true,
    selfRequired: true,
    required: ['message', 'eventId', 'eventType', 'globalPosition', 'attempts', 'failedAt'],
    properties: {
      message: { type: 'string', example: 'Course 0b0e5c7e-3c2e-4f0e-9d55-2f1d7f5b9a01 not found' },
      eventId: { type: 'string', format: 'uuid', description: 'The event its handler failed on' },
      eventType: { type: 'string', example: 'TaskWasCompleted' },
      globalPosition: { type: 'string', example: '1042', description: 'The event\'s global position in the log (a 64-bit integer, as a string)' },
      attempts: { type: 'integer', format: 'int32' },
      failedAt: { type: 'string', format: 'date-time' },
    },
    description: 'The last handler failure; null when none is recorded',
  })
  lastError!: SubscriptionFailure | null;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Parked events not yet replayed or skipped' })
  parkedEvents!: number;

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Events its handlers failed on while this instance ran it, retries included' })
  handlerFailures!: number;

  @ApiProperty({
    type: 'object',
    nullable: true,
    selfRequired: true,
    required: ['requestedAt', 'requestedBy', 'eventsToReplay', 'done', 'finished', 'error'],
    properties: {
      requestedAt: { type: 'string', format: 'date-time' },
      requestedBy: { type: 'string', format: 'uuid', description: 'The administrator who requested it' },
      eventsToReplay: { type: 'integer', format: 'int64', description: 'Events in the log when it was requested' },
      done: { type: 'integer', format: 'int64', description: 'Of those, how many it has passed (0 until the reset is picked up)' },
      finished: {
        type: 'boolean',
        description: 'Its checkpoint has reached the end of the log as it was when requested; a read model built beside the serving one has also been switched in',
      },
      error: {
        type: 'string',
        nullable: true,
        description: 'Why a rebuild beside the serving read model failed (which then serves unchanged; a new rebuild may be requested); null otherwise',
      },
    },
    description: 'The last rebuild requested; null when none was',
  })
  rebuild!: SubscriptionRebuildProgress | null;
}
