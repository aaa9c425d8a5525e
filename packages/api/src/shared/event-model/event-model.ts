/**
 * The Event Model of the running code: commands (blue), events (orange), read models (green) and
 * automations, derived from what the application registers and what its sources say
 * (`build-event-model.ts`). Nothing here is written by hand.
 */
export type EventModel = Readonly<{
  commands: readonly ModelCommand[];
  events: readonly ModelEvent[];
  readModels: readonly ModelReadModel[];
  automations: readonly ModelAutomation[];
  /** Consistency problems nobody has allowed: a healthy model has none. */
  problems: readonly ModelProblem[];
  /** Problems declared acceptable in `event-model-exceptions.ts`, each with its reason. */
  allowedExceptions: readonly AllowedException[];
  /** The story's steps, left to right, from `event-model-description.ts`; every element is in exactly one. */
  steps: readonly StoryStep[];
  /** The swimlanes, top to bottom: automations, read models, then one per stream category. */
  lanes: readonly Lane[];
}>;

/** Where an element's code is and what specifies it: files relative to `src/`, spec files relative to its slice. */
export type ModelCode = Readonly<{ files: readonly string[]; specs: readonly ModelSpec[] }>;

export type ModelSpec = Readonly<{ file: string; tests: readonly string[] }>;

export type ElementReference = Readonly<{ kind: 'command' | 'event' | 'readModel' | 'automation'; id: string }>;

export type StoryStep = Readonly<{
  name: string;
  /** False for the trailing step holding what the description does not place. */
  described: boolean;
  elements: readonly ElementReference[];
}>;

export type Lane = Readonly<{
  kind: 'automations' | 'readModels' | 'stream';
  /** The stream category for a stream lane (`no stream` for elements without one), else the lane's title. */
  name: string;
}>;

export type Endpoint = Readonly<{ method: string; path: string }>;

/** Who sends a command besides endpoints: an automation, another command's handler, or a process (start-up, CLI). */
export type CommandSender = Readonly<{ kind: 'automation' | 'command' | 'process'; name: string }>;

export type ModelCommand = Readonly<{
  type: string;
  /** The category of the stream it is decided on (`UserRegistration` for `UserRegistration_<id>`). */
  streamCategory: string | null;
  emits: readonly string[];
  endpoints: readonly Endpoint[];
  sentBy: readonly CommandSender[];
  /** The write slice handling it, e.g. `write/user-registration`. */
  slice: string;
}> &
  ModelCode;

export type ModelEvent = Readonly<{
  type: string;
  streamCategory: string | null;
  /** Write slices whose decisions emit it, and automation slices appending it themselves. */
  emittedBy: readonly string[];
  /** Subscriptions (read models and automations) handling it. */
  handledBy: readonly string[];
}>;

export type ModelReadModel = Readonly<{
  /** The subscription id, e.g. `CourseProgressReadModel_v1`. */
  id: string;
  slice: string | null;
  handles: readonly string[];
  tables: readonly string[];
  /** Endpoints whose answer reads one of its tables. */
  endpoints: readonly Endpoint[];
}> &
  ModelCode;

export type ModelAutomation = Readonly<{
  /** The subscription id, e.g. `WhenUserRegistrationWasStartedThenRequestEmailConfirmation_v1`. */
  id: string;
  slice: string;
  on: readonly string[];
  sends: readonly string[];
  /** Events its handlers append themselves, not through a command (e.g. the record of an erasure). */
  emits: readonly string[];
  /** Read models it waits for before handling an event (`readsFrom`). */
  readsFrom: readonly string[];
}> &
  ModelCode;

export const PROBLEM_CODES = [
  'EVENT_NOT_EMITTED',
  'COMMAND_NOT_SENT',
  'AUTOMATION_COMMAND_WITHOUT_HANDLER',
  'READ_MODEL_WITHOUT_ENDPOINT',
  'SLICE_WITHOUT_SPECS',
  'EXCEPTION_NOT_NEEDED',
  'DESCRIPTION_NAMES_UNKNOWN_ELEMENT',
  'DESCRIPTION_NAMES_ELEMENT_TWICE',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type ElementKind = 'command' | 'event' | 'readModel' | 'automation' | 'slice' | 'exception' | 'description';

export type ModelProblem = Readonly<{ code: ProblemCode; element: Readonly<{ kind: ElementKind; id: string }>; message: string }>;

export type AllowedException = ModelProblem & Readonly<{ reason: string }>;
