/**
 * What only the TypeScript sources can tell about the Event Model, read by the compiler at build
 * time (`extract-source-facts.ts`) and written to a JSON file the server loads: which events a
 * decision produces, which commands a handler, automation, endpoint or process sends, which tables
 * a projection writes and an endpoint reads. The run-time registries (command handlers,
 * subscriptions, the OpenAPI document) say which of these elements really run.
 *
 * Slices are named by their path under `src/module/`, e.g. `write/user-registration`.
 */
export type SourceFacts = Readonly<{
  /** Every application command class, with the type its `DomainCommand` names. */
  commands: readonly CommandDeclaration[];
  /** Every event type declared as a `DomainEvent<'Type', …>`. */
  events: readonly string[];
  commandHandlers: readonly CommandHandlerFacts[];
  /** Controller methods answering HTTP, keyed by the OpenAPI operation id Nest gives them. */
  endpoints: readonly EndpointFacts[];
  automations: readonly AutomationFacts[];
  projections: readonly ProjectionFacts[];
  /** Code outside handlers, automations and endpoints that sends commands (start-up processes, CLI commands). */
  processes: readonly ProcessFacts[];
  slices: readonly SliceFacts[];
}>;

export type CommandDeclaration = Readonly<{ className: string; type: string }>;

export type CommandHandlerFacts = Readonly<{
  commandClassName: string;
  slice: string;
  /** Categories of the streams the command is decided on (`StreamName.of('<Category>', …)`). */
  streamCategories: readonly string[];
  /** Event types the decision can return. */
  emits: readonly string[];
  /** Command types the handler sends on its own. */
  sends: readonly string[];
  /** Files (relative to `src/`) of the handler and of the decision it runs, within its slice. */
  files: readonly string[];
}>;

export type EndpointFacts = Readonly<{
  operationId: string;
  slice: string | null;
  sends: readonly string[];
  /** Tables (by SQL name) the code answering the request reads or writes. */
  tables: readonly string[];
}>;

export type AutomationFacts = Readonly<{
  /** The folder name, from which the subscription id follows. */
  folderName: string;
  slice: string;
  /** Per handled event: the commands sent, and the events appended directly rather than through a command. */
  on: readonly Readonly<{ eventType: string; sends: readonly string[]; emits: readonly string[] }>[];
  /** Categories of the streams its handlers name (`StreamName.of`), where those events go. */
  streamCategories: readonly string[];
  /** The file (relative to `src/`) defining it. */
  file: string;
}>;

export type ProjectionFacts = Readonly<{ subscriptionId: string; slice: string | null; tables: readonly string[]; file: string }>;

export type ProcessFacts = Readonly<{ name: string; file: string; sends: readonly string[] }>;

export type SliceKind = 'write' | 'read' | 'automation';

export type SliceFacts = Readonly<{
  slice: string;
  kind: SliceKind;
  /** Spec files (relative to the slice folder) written with the SDK's given/when/then DSL. */
  givenWhenThenSpecs: readonly string[];
  /** Every spec file of the slice (relative to its folder), with the names of its tests in source order. */
  specs: readonly SpecFacts[];
}>;

export type SpecFacts = Readonly<{ file: string; tests: readonly string[] }>;
