import { Fragment, type ReactNode, type RefObject, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { figuresOf, figuresSummary, flowsThrough, KIND_LABELS, lanesWith, noteKey, type Board, type EventModelFigures, type Flow, type Note } from './model-board';

/**
 * The board as a table: a column per step, a row per swimlane, so a screen reader names the lane
 * and the step of every note. It is wider than most screens: it scrolls sideways inside a region
 * the keyboard can focus, and the lane names stay in view.
 */
export function BoardGrid({
  board,
  shown,
  flows,
  figures,
  onOpen,
}: Readonly<{ board: Board; shown: readonly Note[]; flows: readonly Flow[]; figures: EventModelFigures | undefined; onOpen: (note: Note) => void }>) {
  const titleId = useId();
  const shownLanes = lanesWith(shown);
  const isShown = new Set(shown);
  // The note pointed at or focused: its flows are drawn, the rest of the board stays quiet.
  const [active, setActive] = useState<string | undefined>();
  const layer = useRef<HTMLDivElement>(null);
  const activeFlows = useMemo(() => (active === undefined ? NO_FLOWS : flowsThrough(flows, active)), [flows, active]);
  return (
    <>
      <h2 id={titleId}>The board</h2>
      <p className="model-flows-hint">Point at or focus a note to draw its flows: what leads to it and what follows.</p>
      <div className="model-grid-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
        <div className="model-grid-layer" ref={layer}>
          <FlowLines layer={layer} flows={activeFlows} />
          <table className="model-grid" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col" className="model-corner">Lane</th>
                {board.steps.map((step) => (
                  <th scope="col" key={step.name} className={step.described ? undefined : 'model-undescribed'}>
                    {step.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {board.lanes.map((lane, laneIndex) =>
                shownLanes.has(laneIndex) ? (
                  <tr key={`${lane.kind}:${lane.name}`} className={`model-lane model-lane-${lane.kind}`}>
                    <th scope="row">{lane.kind === 'stream' ? <>Stream {breakable(lane.name)}</> : lane.name}</th>
                    {board.steps.map((step, stepIndex) => (
                      <td key={step.name}>
                        {board.notes
                          .filter((note) => note.lane === laneIndex && note.step === stepIndex && isShown.has(note))
                          .map((note) => (
                            <NoteButton
                              key={noteKey(note)}
                              note={note}
                              laneName={lane.name}
                              stepName={step.name}
                              figures={figures}
                              onOpen={onOpen}
                              onActive={(isActive) => setActive((current) => (isActive ? noteKey(note) : current === noteKey(note) ? undefined : current))}
                            />
                          ))}
                      </td>
                    ))}
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

const NO_FLOWS: readonly Flow[] = [];

type Line = Readonly<{ key: string; path: string }>;

/** How far a curve leaves its note sideways before turning, in pixels. */
const CURVE = 48;

/**
 * Curved arrows from note to note over the table, measured from the laid-out buttons: from the
 * side of the earlier note facing the later one; between notes of one column, around their right
 * edges, so no line crosses the notes between them. Decoration only: the details dialog lists the
 * same connections as buttons.
 */
function FlowLines({ layer, flows }: Readonly<{ layer: RefObject<HTMLDivElement | null>; flows: readonly Flow[] }>) {
  const [lines, setLines] = useState<readonly Line[]>([]);
  useLayoutEffect(() => {
    const root = layer.current;
    if (root === null || flows.length === 0) {
      setLines([]);
      return;
    }
    const origin = root.getBoundingClientRect();
    const boxOf = (key: string) => root.querySelector(`[data-key="${CSS.escape(key)}"]`)?.getBoundingClientRect();
    setLines(
      flows.flatMap((flow) => {
        const from = boxOf(flow.from);
        const to = boxOf(flow.to);
        return from === undefined || to === undefined ? [] : [{ key: `${flow.from}>${flow.to}`, path: curveBetween(from, to, origin) }];
      }),
    );
  }, [layer, flows]);
  if (lines.length === 0) return null;
  return (
    <svg className="model-flows" aria-hidden="true" focusable="false">
      <defs>
        <marker id="model-flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" />
        </marker>
      </defs>
      {lines.map((line) => (
        <path key={line.key} d={line.path} markerEnd="url(#model-flow-arrow)" />
      ))}
    </svg>
  );
}

function curveBetween(from: DOMRect, to: DOMRect, origin: DOMRect): string {
  const y1 = from.top + from.height / 2 - origin.top;
  const y2 = to.top + to.height / 2 - origin.top;
  if (Math.abs(from.left - to.left) < 1) {
    const x = from.right - origin.left;
    return `M ${x} ${y1} C ${x + CURVE} ${y1}, ${x + CURVE} ${y2}, ${x} ${y2}`;
  }
  const forward = to.left > from.left;
  const x1 = (forward ? from.right : from.left) - origin.left;
  const x2 = (forward ? to.left : to.right) - origin.left;
  const bend = forward ? CURVE : -CURVE;
  return `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
}

function NoteButton({
  note,
  laneName,
  stepName,
  figures,
  onOpen,
  onActive,
}: Readonly<{ note: Note; laneName: string; stepName: string; figures: EventModelFigures | undefined; onOpen: (note: Note) => void; onActive: (active: boolean) => void }>) {
  const summary = figuresSummary(figuresOf(note, figures));
  return (
    <button
      type="button"
      className={`model-note model-note-${note.kind}`}
      data-kind={note.kind}
      data-id={note.id}
      data-lane={laneName}
      data-step={stepName}
      data-key={noteKey(note)}
      aria-haspopup="dialog"
      onClick={() => onOpen(note)}
      onMouseEnter={() => onActive(true)}
      onMouseLeave={() => onActive(false)}
      onFocus={() => onActive(true)}
      onBlur={() => onActive(false)}
    >
      <span className="model-note-kind">
        {note.kind === 'automation' ? <span aria-hidden="true">⚙ </span> : null}
        {KIND_LABELS[note.kind]}
      </span>{' '}
      <span className="model-note-name">{breakable(note.id)}</span>{' '}
      {summary === undefined ? null : <span className="model-note-figures">{summary}</span>}{' '}
      {note.problems.length > 0 ? <span className="model-note-marker model-note-problem">⚠ {note.problems.length === 1 ? 'Problem' : `${note.problems.length} problems`}</span> : null}
      {note.allowedExceptions.length > 0 ? <span className="model-note-marker">Allowed exception</span> : null}
    </button>
  );
}

/** A type name may wrap where its words join (`UserRegistration|Was|Started`) rather than mid-word. */
function breakable(name: string): ReactNode {
  return name.split(/(?=[A-Z_])/).map((part, index) => (
    <Fragment key={index}>
      {index === 0 ? null : <wbr />}
      {part}
    </Fragment>
  ));
}
