import type { Schemas } from '../api/client';

export type EventModel = Schemas['EventModelResponse'];
export type EventModelFigures = Schemas['EventModelFiguresResponse'];
export type NoteKind = Schemas['ElementReferenceResponse']['kind'];

/** A note of the board: one element of the model, in the lane and step it belongs to. */
export type Note = Readonly<{
  kind: NoteKind;
  id: string;
  /** Index into `Board.lanes`. */
  lane: number;
  /** Index into `Board.steps`. */
  step: number;
  /** Problems of the model about this note (or its slice), and the accepted ones. */
  problems: readonly Schemas['ModelProblemResponse'][];
  allowedExceptions: readonly Schemas['AllowedExceptionResponse'][];
}>;

export type Board = Readonly<{
  steps: readonly Schemas['StoryStepResponse'][];
  lanes: readonly Schemas['LaneResponse'][];
  notes: readonly Note[];
}>;

export const KIND_LABELS: Readonly<Record<NoteKind, string>> = {
  command: 'Command',
  event: 'Event',
  readModel: 'Read model',
  automation: 'Automation',
};

/** The lane a stream lane gives commands and events whose stream the sources do not name (as the API names it). */
const NO_STREAM = 'no stream';

/**
 * Places every element the API's story lists: the column is its step; the row is the automations'
 * lane, the read models' lane, or the lane of its stream category. The API has already ordered
 * steps and lanes from the declared description; the board only puts notes in cells, so the
 * layout is the same on every load and needs no layout engine.
 */
export function boardOf(model: EventModel): Board {
  const laneIndex = new Map(model.lanes.map((lane, index) => [`${lane.kind}:${lane.name}`, index]));
  const streamOf = new Map<string, string>([
    ...model.commands.map((command) => [`command:${command.type}`, command.streamCategory ?? NO_STREAM] as const),
    ...model.events.map((event) => [`event:${event.type}`, event.streamCategory ?? NO_STREAM] as const),
  ]);
  const laneOf = (kind: NoteKind, id: string): number => {
    if (kind === 'automation') return laneIndex.get('automations:Automations') ?? 0;
    if (kind === 'readModel') return laneIndex.get('readModels:Read models') ?? 0;
    return laneIndex.get(`stream:${streamOf.get(`${kind}:${id}`) ?? NO_STREAM}`) ?? 0;
  };
  const sliceOf = sliceLookup(model);
  const concerns = (element: Schemas['ModelElementResponse'], kind: NoteKind, id: string) =>
    (element.kind === kind && element.id === id) || (element.kind === 'slice' && element.id === sliceOf(kind, id));
  const notes = model.steps.flatMap((step, stepIndex) =>
    step.elements.map(
      ({ kind, id }): Note => ({
        kind,
        id,
        lane: laneOf(kind, id),
        step: stepIndex,
        problems: model.problems.filter((problem) => concerns(problem.element, kind, id)),
        allowedExceptions: model.allowedExceptions.filter((exception) => concerns(exception.element, kind, id)),
      }),
    ),
  );
  return { steps: model.steps, lanes: model.lanes, notes };
}

/** The notes of one cell, in the order the story lists them. */
export function notesIn(board: Board, lane: number, step: number): Note[] {
  return board.notes.filter((note) => note.lane === lane && note.step === step);
}

/** Whether a note matches the filter: each of its words is part of the note's name or kind, ignoring case (`user reg` finds `UserRegistrationWasStarted`). */
export function matchesFilter(note: Pick<Note, 'id' | 'kind'>, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter((word) => word !== '');
  const name = `${note.id} ${KIND_LABELS[note.kind]}`.toLowerCase();
  return words.every((word) => name.includes(word));
}

/** Lanes that hold at least one of the given notes: a filtered board hides the empty rows. */
export function lanesWith(notes: readonly Note[]): Set<number> {
  return new Set(notes.map((note) => note.lane));
}

/** A flow of the model: command → event it emits, event → subscription handling it, automation → command it sends or event it appends. */
export type Flow = Readonly<{ from: string; to: string }>;

/** The key a note goes by in flows: `<kind>:<id>`. */
export function noteKey(note: Pick<Note, 'kind' | 'id'>): string {
  return `${note.kind}:${note.id}`;
}

/** Every flow between the model's elements, for the lines the board draws from and to a note. */
export function flowsOf(model: EventModel): Flow[] {
  const subscriptionKind = new Map<string, NoteKind>([
    ...model.readModels.map((readModel) => [readModel.id, 'readModel'] as const),
    ...model.automations.map((automation) => [automation.id, 'automation'] as const),
  ]);
  return [
    ...model.commands.flatMap((command) => command.emits.map((event) => ({ from: `command:${command.type}`, to: `event:${event}` }))),
    ...model.events.flatMap((event) =>
      event.handledBy.flatMap((id) => {
        const kind = subscriptionKind.get(id);
        return kind === undefined ? [] : [{ from: `event:${event.type}`, to: `${kind}:${id}` }];
      }),
    ),
    ...model.automations.flatMap((automation) => [
      ...automation.sends.map((command) => ({ from: `automation:${automation.id}`, to: `command:${command}` })),
      ...automation.emits.map((event) => ({ from: `automation:${automation.id}`, to: `event:${event}` })),
    ]),
  ];
}

/** The flows into and out of one note. */
export function flowsThrough(flows: readonly Flow[], key: string): Flow[] {
  return flows.filter((flow) => flow.from === key || flow.to === key);
}

export type NoteFigures =
  | Readonly<{ kind: 'command'; handled: number; succeeded: number; rejected: readonly Readonly<{ code: string; count: number }>[] }>
  | Readonly<{ kind: 'subscription'; state: string; lagEvents: number; lagSeconds: number; parkedEvents: number }>
  | Readonly<{ kind: 'none' }>;

/** A command's counters (zero when this instance has not run it), or a read model's or automation's subscription status. */
export function figuresOf(note: Pick<Note, 'kind' | 'id'>, figures: EventModelFigures | undefined): NoteFigures {
  if (figures === undefined || note.kind === 'event') return { kind: 'none' };
  if (note.kind === 'command') {
    const command = figures.commands.find((candidate) => candidate.type === note.id);
    const rejected = Object.entries(command?.rejected ?? {})
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    return { kind: 'command', handled: command?.handled ?? 0, succeeded: command?.succeeded ?? 0, rejected };
  }
  const subscription = figures.subscriptions.find((candidate) => candidate.subscriptionId === note.id);
  return subscription === undefined ? { kind: 'none' } : { kind: 'subscription', ...subscription };
}

/** The short line a note shows of its figures. */
export function figuresSummary(figures: NoteFigures): string | undefined {
  if (figures.kind === 'command') {
    const rejected = figures.rejected.reduce((sum, { count }) => sum + count, 0);
    return `${figures.handled} handled · ${rejected} rejected`;
  }
  if (figures.kind === 'subscription') {
    const parked = figures.parkedEvents > 0 ? ` · ${figures.parkedEvents} parked` : '';
    return `${figures.state} · lag ${figures.lagEvents}${parked}`;
  }
  return undefined;
}

function sliceLookup(model: EventModel): (kind: NoteKind, id: string) => string | null {
  const slices = new Map<string, string | null>([
    ...model.commands.map((command) => [`command:${command.type}`, command.slice] as const),
    ...model.readModels.map((readModel) => [`readModel:${readModel.id}`, readModel.slice] as const),
    ...model.automations.map((automation) => [`automation:${automation.id}`, automation.slice] as const),
  ]);
  return (kind, id) => slices.get(`${kind}:${id}`) ?? null;
}
