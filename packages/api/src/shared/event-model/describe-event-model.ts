import type { ElementReference, EventModel, Lane, ModelProblem, StoryStep } from './event-model';
import type { EventModelDescription } from './event-model-description';

/** The trailing step: elements the description does not place still show, after the story. */
export const UNDESCRIBED_STEP = 'Not in the story';
/** The lane of commands and events whose stream the sources do not name. */
export const NO_STREAM = 'no stream';

type Elements = Pick<EventModel, 'commands' | 'events' | 'readModels' | 'automations'>;

export type DescribedModel = Readonly<{ steps: StoryStep[]; lanes: Lane[]; problems: ModelProblem[] }>;

/**
 * Lays the derived elements out as the description orders them. The description only places what
 * the model has: a name it does not have, or one named twice, is a problem and places nothing. An
 * event not named goes to the step of its first emitter (a command or an automation appending it),
 * so a step names what happens and its events follow; anything still unplaced goes to a trailing step.
 */
export function describeEventModel(model: Elements, description: EventModelDescription): DescribedModel {
  const byId = elementsById(model);
  const problems: ModelProblem[] = [];
  const named = new Set<string>();
  const namedSteps = description.steps.map((step) => ({
    name: step.name,
    references: step.elements.flatMap((name) => {
      const reference = byId.get(name);
      if (reference === undefined) {
        problems.push(problem('DESCRIPTION_NAMES_UNKNOWN_ELEMENT', name, `Step "${step.name}" of the description names ${name}, which the model does not have`));
        return [];
      }
      if (named.has(name)) {
        problems.push(problem('DESCRIPTION_NAMES_ELEMENT_TWICE', name, `The description names ${name} more than once; step "${step.name}" repeats it`));
        return [];
      }
      named.add(name);
      return [reference];
    }),
  }));

  const placed = new Set<string>();
  const place = (reference: ElementReference): ElementReference[] => {
    if (placed.has(key(reference))) return [];
    placed.add(key(reference));
    return [reference];
  };
  const steps: StoryStep[] = namedSteps.map((step) => ({
    name: step.name,
    described: true,
    elements: step.references.flatMap((reference) => [
      ...place(reference),
      ...emittedBy(model, reference)
        .filter((event) => !named.has(event))
        .flatMap((event) => place({ kind: 'event', id: event })),
    ]),
  }));
  const rest = [...byId.values()].filter((reference) => !placed.has(key(reference)));
  if (rest.length > 0) steps.push({ name: UNDESCRIBED_STEP, described: false, elements: rest });

  return { steps, lanes: lanesOf(model, description, problems), problems };
}

function lanesOf(model: Elements, description: EventModelDescription, problems: ModelProblem[]): Lane[] {
  const categories = new Set([...model.commands, ...model.events].map((element) => element.streamCategory ?? NO_STREAM));
  const ordered: string[] = [];
  for (const category of description.lanes) {
    if (!categories.has(category)) problems.push(problem('DESCRIPTION_NAMES_UNKNOWN_ELEMENT', category, `The description orders the lane ${category}, a stream category no command or event has`));
    else if (ordered.includes(category)) problems.push(problem('DESCRIPTION_NAMES_ELEMENT_TWICE', category, `The description orders the lane ${category} more than once`));
    else ordered.push(category);
  }
  const others = [...categories].filter((category) => !ordered.includes(category)).sort();
  return [
    { kind: 'automations', name: 'Automations' },
    { kind: 'readModels', name: 'Read models' },
    ...[...ordered, ...others].map((name): Lane => ({ kind: 'stream', name })),
  ];
}

/** Every element by its id, in the order a trailing step lists them: automations, read models, commands, events. */
function elementsById(model: Elements): Map<string, ElementReference> {
  const references: ElementReference[] = [
    ...model.automations.map((automation) => ({ kind: 'automation' as const, id: automation.id })),
    ...model.readModels.map((readModel) => ({ kind: 'readModel' as const, id: readModel.id })),
    ...model.commands.map((command) => ({ kind: 'command' as const, id: command.type })),
    ...model.events.map((event) => ({ kind: 'event' as const, id: event.type })),
  ];
  const byId = new Map<string, ElementReference>();
  // Ids are type names and subscription ids: a clash between kinds would be a naming bug; the first kind wins.
  for (const reference of references) if (!byId.has(reference.id)) byId.set(reference.id, reference);
  return byId;
}

function emittedBy(model: Elements, reference: ElementReference): readonly string[] {
  if (reference.kind === 'command') return model.commands.find((command) => command.type === reference.id)?.emits ?? [];
  if (reference.kind === 'automation') return model.automations.find((automation) => automation.id === reference.id)?.emits ?? [];
  return [];
}

function key(reference: ElementReference): string {
  return `${reference.kind}:${reference.id}`;
}

function problem(code: ModelProblem['code'], id: string, message: string): ModelProblem {
  return { code, element: { kind: 'description', id }, message };
}
