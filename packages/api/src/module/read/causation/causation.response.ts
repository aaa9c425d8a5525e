import { ApiProperty } from '@nestjs/swagger';

export class CausationNodeResponse {
  @ApiProperty({ enum: ['command', 'event'], description: 'Commands hold the events they produced; events hold the commands automations sent when woken by them' })
  kind!: 'command' | 'event';

  @ApiProperty({ description: 'The command id (the causation id of its events), or the event id' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'UserRegistrationWasStarted', description: 'The event type, or the command type; null for a command whose events predate command traces' })
  type!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1', description: 'Commands: the subscription id of the automation that sent it; null when a request did' })
  automation!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'UserRegistration_6f1c1c1e-8d7a-4f55-9a57-3f5a7c2b1e90', description: 'Events: the stream; null for commands' })
  streamName!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Events: the position in the stream, from 1; null for commands' })
  position!: number | null;

  @ApiProperty({ type: String, nullable: true, example: '1024', description: 'Events: the position in the global log (a decimal string: it may exceed 2^53); null for commands' })
  globalPosition!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the event occurred, or the command was issued (its first event\'s time when its events do not say)' })
  at!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Milliseconds from the parent\'s time to this node\'s; null at the top' })
  hopMs!: number | null;

  @ApiProperty({ type: () => [CausationNodeResponse], description: 'In log order' })
  children!: CausationNodeResponse[];
}

/** One flow (everything one request set in motion) in a line. */
export class CausationFlowResponse {
  @ApiProperty({ example: 'trace-registration-1', description: 'Its tree: GET /api/admin/causation/{correlationId}' })
  correlationId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'RegisterUser', description: 'The type of the first command at the top of its tree; null when its events predate command traces' })
  firstCommand!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When its earliest command at the top was issued (that command\'s first event\'s time when its events do not say)' })
  startedAt!: string;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 0, description: 'Milliseconds from the start to its last event so far' })
  durationMs!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, description: 'Events it appended, in every stream' })
  events!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, description: 'Streams it appended to' })
  streams!: number;
}

export class CausationResponse extends CausationFlowResponse {
  @ApiProperty({ type: [CausationNodeResponse], description: 'The commands the request itself sent (and any whose cause is not in this correlation), in log order' })
  commands!: CausationNodeResponse[];
}
