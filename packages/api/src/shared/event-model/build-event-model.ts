import { automationSubscriptionId } from '@coderscamp/event-sourcing/nestjs';
import { describeEventModel } from './describe-event-model';
import type {
  AllowedException,
  CommandSender,
  Endpoint,
  EventModel,
  ModelAutomation,
  ModelCode,
  ModelCommand,
  ModelEvent,
  ModelProblem,
  ModelReadModel,
} from './event-model';
import type { EventModelDescription } from './event-model-description';
import type { EventModelException } from './event-model-exceptions';
import type { RuntimeFacts } from './runtime-facts';
import type { AutomationFacts, CommandHandlerFacts, EndpointFacts, SourceFacts } from './source-facts';

/** No story: every element in the trailing step, lanes in alphabetical order. */
const NO_DESCRIPTION: EventModelDescription = { steps: [], lanes: [] };

/**
 * Joins what the application registers with what its sources say. The run time decides which
 * elements exist (a handler registered, a subscription built, an operation served); the sources
 * only add what the run time cannot tell about them, so an element found only in the sources
 * (a slice not registered) is left out. The description orders what is left; it adds nothing.
 */
export function buildEventModel(
  runtime: RuntimeFacts,
  sources: SourceFacts,
  exceptions: readonly EventModelException[],
  description: EventModelDescription = NO_DESCRIPTION,
): EventModel {
  const endpoints = endpointsOf(runtime, sources);
  const automationFolders = new Map(sources.automations.map((automation) => [automationSubscriptionId(automation.folderName), automation]));
  const handlers = registeredHandlers(runtime, sources);

  const automations = runtime.subscriptions
    .filter((subscription) => automationFolders.has(subscription.subscriptionId))
    .map((subscription): ModelAutomation => {
      const facts = automationFolders.get(subscription.subscriptionId)!;
      const handled = facts.on.filter((handler) => subscription.handledEventTypes.includes(handler.eventType));
      return {
        id: subscription.subscriptionId,
        slice: facts.slice,
        on: [...subscription.handledEventTypes].sort(),
        sends: unique(handled.flatMap((handler) => handler.sends)),
        emits: unique(handled.flatMap((handler) => handler.emits)),
        readsFrom: [...subscription.readsFrom].sort(),
        ...codeOf(sources, facts.slice, [facts.file]),
      };
    });

  const commands = handlers.map(
    ({ type, facts }): ModelCommand => ({
      type,
      streamCategory: facts ? categoryOf(facts.streamCategories) : null,
      emits: facts?.emits ?? [],
      endpoints: sortedEndpoints(endpoints.filter((endpoint) => endpoint.facts.sends.includes(type))),
      sentBy: sendersOf(type, automations, handlers, sources),
      slice: facts?.slice ?? '',
      ...codeOf(sources, facts?.slice ?? null, facts?.files ?? []),
    }),
  );

  const readModels = runtime.subscriptions
    .filter((subscription) => !automationFolders.has(subscription.subscriptionId))
    .map((subscription): ModelReadModel => {
      const projection = sources.projections.find((candidate) => candidate.subscriptionId === subscription.subscriptionId);
      const tables = projection?.tables ?? [];
      return {
        id: subscription.subscriptionId,
        slice: projection?.slice ?? null,
        handles: [...subscription.handledEventTypes].sort(),
        tables,
        endpoints: sortedEndpoints(endpoints.filter((endpoint) => endpoint.facts.tables.some((table) => tables.includes(table)))),
        ...codeOf(sources, projection?.slice ?? null, projection ? [projection.file] : []),
      };
    });

  const events = eventsOf(sources, [...commands, ...automationsAsEmitters(automations, automationFolders)], runtime).sort((a, b) => a.type.localeCompare(b.type));
  const model = {
    commands: commands.sort((a, b) => a.type.localeCompare(b.type)),
    events,
    readModels: readModels.sort((a, b) => a.id.localeCompare(b.id)),
    automations: automations.sort((a, b) => a.id.localeCompare(b.id)),
  };
  const { problems, allowedExceptions } = judged(problemsOf(model, sources), exceptions);
  const story = describeEventModel(model, description);
  return { ...model, problems: [...problems, ...story.problems], allowedExceptions, steps: story.steps, lanes: story.lanes };
}

/**
 * The files of an element and the specs of its slice, paths relative to `src/`. A slice holding
 * several commands has a spec per decision (`domain/register-user.spec.ts` beside
 * `domain/register-user.ts`): those specify the command; without one, all the slice's specs do.
 */
function codeOf(sources: SourceFacts, slice: string | null, files: readonly string[]): ModelCode {
  const sliceFacts = slice === null ? undefined : sources.slices.find((candidate) => candidate.slice === slice);
  const specs = (sliceFacts?.specs ?? []).map((spec) => ({ file: `module/${slice}/${spec.file}`, tests: spec.tests }));
  const beside = new Set(files.map((file) => file.replace(/\.ts$/, '')));
  const own = specs.filter((spec) => beside.has(spec.file.replace(/\.(int-)?spec\.ts$/, '')));
  return { files: [...files], specs: own.length > 0 ? own : specs };
}

type ServedEndpoint = Endpoint & Readonly<{ facts: EndpointFacts }>;

/** The operations the document serves, with what their code sends and reads. */
function endpointsOf(runtime: RuntimeFacts, sources: SourceFacts): ServedEndpoint[] {
  return runtime.operations.flatMap((operation) => {
    const facts = sources.endpoints.find((candidate) => candidate.operationId === operation.operationId);
    return facts ? [{ method: operation.method.toUpperCase(), path: operation.path, facts }] : [];
  });
}

type RegisteredHandler = Readonly<{ type: string; facts: CommandHandlerFacts | undefined }>;

function registeredHandlers(runtime: RuntimeFacts, sources: SourceFacts): RegisteredHandler[] {
  return runtime.handledCommandClasses.map((className) => ({
    // A class the sources do not declare as a command keeps its class name: shown, never dropped.
    type: sources.commands.find((command) => command.className === className)?.type ?? className,
    facts: sources.commandHandlers.find((handler) => handler.commandClassName === className),
  }));
}

function sendersOf(type: string, automations: readonly ModelAutomation[], handlers: readonly RegisteredHandler[], sources: SourceFacts): CommandSender[] {
  const senders: CommandSender[] = [
    ...automations.filter((automation) => automation.sends.includes(type)).map((automation) => ({ kind: 'automation' as const, name: automation.id })),
    ...handlers.filter((handler) => handler.facts?.sends.includes(type)).map((handler) => ({ kind: 'command' as const, name: handler.type })),
    ...sources.processes.filter((process) => process.sends.includes(type)).map((process) => ({ kind: 'process' as const, name: process.name })),
  ];
  return senders.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** What appends events: a command's decision, or an automation appending one itself. */
type Emitter = Readonly<{ emits: readonly string[]; streamCategory: string | null; slice: string }>;

function automationsAsEmitters(automations: readonly ModelAutomation[], facts: ReadonlyMap<string, AutomationFacts>): Emitter[] {
  return automations.map((automation) => ({
    emits: automation.emits,
    streamCategory: categoryOf(facts.get(automation.id)?.streamCategories ?? []),
    slice: automation.slice,
  }));
}

/** Every event declared, emitted or handled; its stream is the one its emitters append to. */
function eventsOf(sources: SourceFacts, emitters: readonly Emitter[], runtime: RuntimeFacts): ModelEvent[] {
  const handled = runtime.subscriptions.flatMap((subscription) => subscription.handledEventTypes);
  const emitted = emitters.flatMap((emitter) => emitter.emits);
  return unique([...sources.events, ...emitted, ...handled]).map((type) => {
    const appending = emitters.filter((emitter) => emitter.emits.includes(type));
    return {
      type,
      streamCategory: categoryOf(unique(appending.flatMap((emitter) => (emitter.streamCategory ? [emitter.streamCategory] : [])))),
      emittedBy: unique(appending.map((emitter) => emitter.slice)),
      handledBy: runtime.subscriptions
        .filter((subscription) => subscription.handledEventTypes.includes(type))
        .map((subscription) => subscription.subscriptionId)
        .sort(),
    };
  });
}

type Elements = Pick<EventModel, 'commands' | 'events' | 'readModels' | 'automations'>;

function problemsOf(model: Elements, sources: SourceFacts): ModelProblem[] {
  const handledCommands = new Set(model.commands.map((command) => command.type));
  return [
    ...model.events
      .filter((event) => event.emittedBy.length === 0)
      .map((event) => problem('EVENT_NOT_EMITTED', 'event', event.type, `No command handler's decision or automation emits ${event.type}`)),
    ...model.commands
      .filter((command) => command.endpoints.length === 0 && command.sentBy.length === 0)
      .map((command) => problem('COMMAND_NOT_SENT', 'command', command.type, `No endpoint, automation, handler or process sends ${command.type}`)),
    ...model.automations.flatMap((automation) =>
      automation.sends
        .filter((type) => !handledCommands.has(type))
        .map((type) => problem('AUTOMATION_COMMAND_WITHOUT_HANDLER', 'automation', automation.id, `${automation.id} sends ${type}, which has no handler`)),
    ),
    ...model.readModels
      .filter((readModel) => readModel.endpoints.length === 0)
      .map((readModel) => problem('READ_MODEL_WITHOUT_ENDPOINT', 'readModel', readModel.id, `No endpoint reads the tables of ${readModel.id}`)),
    ...sources.slices
      .filter((slice) => slice.givenWhenThenSpecs.length === 0)
      .map((slice) => problem('SLICE_WITHOUT_SPECS', 'slice', slice.slice, `${slice.slice} has no spec written with the given/when/then DSL`)),
  ];
}

/** Splits problems into those declared acceptable and the rest; an exception matching nothing is a problem too. */
function judged(problems: readonly ModelProblem[], exceptions: readonly EventModelException[]): Pick<EventModel, 'problems' | 'allowedExceptions'> {
  const exceptionFor = (candidate: ModelProblem) => exceptions.find((exception) => exception.code === candidate.code && exception.id === candidate.element.id);
  const allowedExceptions: AllowedException[] = problems.flatMap((candidate) => {
    const exception = exceptionFor(candidate);
    return exception ? [{ ...candidate, reason: exception.reason }] : [];
  });
  const unneeded = exceptions
    .filter((exception) => !problems.some((candidate) => candidate.code === exception.code && candidate.element.id === exception.id))
    .map((exception) => problem('EXCEPTION_NOT_NEEDED', 'exception', `${exception.code} ${exception.id}`, `The exception for ${exception.code} on ${exception.id} matches no problem; remove it`));
  return { problems: [...problems.filter((candidate) => !exceptionFor(candidate)), ...unneeded], allowedExceptions };
}

function problem(code: ModelProblem['code'], kind: ModelProblem['element']['kind'], id: string, message: string): ModelProblem {
  return { code, element: { kind, id }, message };
}

/** One category, or all of them when a command's decision reaches several streams. */
function categoryOf(categories: readonly string[]): string | null {
  return categories.length === 0 ? null : categories.join(' | ');
}

function sortedEndpoints(endpoints: readonly Endpoint[]): Endpoint[] {
  return endpoints.map(({ method, path }) => ({ method, path })).sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
