import { ApiProperty } from '@nestjs/swagger';
import { PROBLEM_CODES } from './event-model';

const ELEMENT_KINDS = ['command', 'event', 'readModel', 'automation', 'slice', 'exception'];

export class EndpointResponse {
  @ApiProperty({ example: 'POST' })
  method!: string;

  @ApiProperty({ example: '/api/user-registration' })
  path!: string;
}

export class CommandSenderResponse {
  @ApiProperty({ enum: ['automation', 'command', 'process'], description: "`command`: another command's handler sends it" })
  kind!: 'automation' | 'command' | 'process';

  @ApiProperty({ example: 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1' })
  name!: string;
}

export class ModelCommandResponse {
  @ApiProperty({ example: 'RegisterUser' })
  type!: string;

  @ApiProperty({ type: String, nullable: true, example: 'UserRegistration', description: 'Category of the stream it is decided on' })
  streamCategory!: string | null;

  @ApiProperty({ type: [String], description: 'Event types its decision can emit' })
  emits!: string[];

  @ApiProperty({ type: [EndpointResponse], description: 'Endpoints that send it' })
  endpoints!: EndpointResponse[];

  @ApiProperty({ type: [CommandSenderResponse], description: 'Senders besides endpoints' })
  sentBy!: CommandSenderResponse[];

  @ApiProperty({ example: 'write/user-registration', description: 'The write slice handling it, under src/module/' })
  slice!: string;
}

export class ModelEventResponse {
  @ApiProperty({ example: 'UserRegistrationWasStarted' })
  type!: string;

  @ApiProperty({ type: String, nullable: true, example: 'UserRegistration' })
  streamCategory!: string | null;

  @ApiProperty({ type: [String], description: 'Write slices whose decisions emit it, and automations appending it themselves' })
  emittedBy!: string[];

  @ApiProperty({ type: [String], description: 'Subscriptions (read models, automations) handling it' })
  handledBy!: string[];
}

export class ModelReadModelResponse {
  @ApiProperty({ example: 'CourseProgressReadModel_v1', description: 'The subscription id' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'read/course-progress' })
  slice!: string | null;

  @ApiProperty({ type: [String], description: 'Event types it handles' })
  handles!: string[];

  @ApiProperty({ type: [String], description: 'Tables its projection writes' })
  tables!: string[];

  @ApiProperty({ type: [EndpointResponse], description: 'Endpoints reading its tables' })
  endpoints!: EndpointResponse[];
}

export class ModelAutomationResponse {
  @ApiProperty({ example: 'WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1', description: 'The subscription id' })
  id!: string;

  @ApiProperty({ example: 'automation/when-user-registration-was-started-then-request-email-confirmation' })
  slice!: string;

  @ApiProperty({ type: [String], description: 'Event types that trigger it' })
  on!: string[];

  @ApiProperty({ type: [String], description: 'Command types it sends' })
  sends!: string[];

  @ApiProperty({ type: [String], description: 'Event types it appends itself, not through a command' })
  emits!: string[];

  @ApiProperty({ type: [String], description: 'Read models it waits for before handling an event' })
  readsFrom!: string[];
}

export class ModelElementResponse {
  @ApiProperty({ enum: ELEMENT_KINDS })
  kind!: string;

  @ApiProperty({ example: 'UserRegistrationWasStarted' })
  id!: string;
}

export class ModelProblemResponse {
  @ApiProperty({ enum: PROBLEM_CODES })
  code!: string;

  @ApiProperty({ type: ModelElementResponse })
  element!: ModelElementResponse;

  @ApiProperty()
  message!: string;
}

export class AllowedExceptionResponse extends ModelProblemResponse {
  @ApiProperty({ description: 'Why the problem is accepted, as declared in the code' })
  reason!: string;
}

export class EventModelResponse {
  @ApiProperty({ type: [ModelCommandResponse] })
  commands!: ModelCommandResponse[];

  @ApiProperty({ type: [ModelEventResponse] })
  events!: ModelEventResponse[];

  @ApiProperty({ type: [ModelReadModelResponse] })
  readModels!: ModelReadModelResponse[];

  @ApiProperty({ type: [ModelAutomationResponse] })
  automations!: ModelAutomationResponse[];

  @ApiProperty({ type: [ModelProblemResponse], description: 'Consistency problems nobody allowed; empty when the model is sound' })
  problems!: ModelProblemResponse[];

  @ApiProperty({ type: [AllowedExceptionResponse], description: 'Problems declared acceptable, with the reason' })
  allowedExceptions!: AllowedExceptionResponse[];
}
