import { ApiProperty } from '@nestjs/swagger';
import { PROBLEM_CODES } from './event-model';

const ELEMENT_KINDS = ['command', 'event', 'readModel', 'automation', 'slice', 'exception', 'description'];

export class ModelSpecResponse {
  @ApiProperty({ example: 'module/write/user-registration/domain/register-user.spec.ts', description: 'Relative to packages/api/src' })
  file!: string;

  @ApiProperty({ type: [String], description: 'The names of its tests, in source order', example: ['given no registration, when registering, then it was started'] })
  tests!: string[];
}

/** Where an element's code is and what specifies it. */
class ModelCodeResponse {
  @ApiProperty({
    type: [String],
    example: ['module/write/user-registration/application/register-user.command-handler.ts', 'module/write/user-registration/domain/register-user.ts'],
    description: 'Its files within its slice, relative to packages/api/src: handler and decision, projection or automation',
  })
  files!: string[];

  @ApiProperty({ type: [ModelSpecResponse], description: "The specs beside its decision, or else all of its slice's specs" })
  specs!: ModelSpecResponse[];
}

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

export class ModelCommandResponse extends ModelCodeResponse {
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

export class ModelReadModelResponse extends ModelCodeResponse {
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

export class ModelAutomationResponse extends ModelCodeResponse {
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

const BOARD_ELEMENT_KINDS = ['command', 'event', 'readModel', 'automation'];

export class ElementReferenceResponse {
  @ApiProperty({ enum: BOARD_ELEMENT_KINDS })
  kind!: 'command' | 'event' | 'readModel' | 'automation';

  @ApiProperty({ example: 'RegisterUser', description: "The command's or event's type, or the subscription id" })
  id!: string;
}

export class StoryStepResponse {
  @ApiProperty({ example: 'Registration' })
  name!: string;

  @ApiProperty({ description: 'False for the trailing step holding the elements the description does not place' })
  described!: boolean;

  @ApiProperty({ type: [ElementReferenceResponse], description: 'Its elements, each in exactly one step' })
  elements!: ElementReferenceResponse[];
}

export class LaneResponse {
  @ApiProperty({ enum: ['automations', 'readModels', 'stream'] })
  kind!: 'automations' | 'readModels' | 'stream';

  @ApiProperty({ example: 'UserRegistration', description: 'The stream category of a stream lane (`no stream` when the sources name none), else the title' })
  name!: string;
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

  @ApiProperty({ type: [StoryStepResponse], description: "The story's steps, left to right, as the declared description orders the derived elements" })
  steps!: StoryStepResponse[];

  @ApiProperty({ type: [LaneResponse], description: 'Swimlanes, top to bottom: automations, read models, then one per stream category' })
  lanes!: LaneResponse[];
}
