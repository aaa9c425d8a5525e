import { Fragment, type ReactNode, useId } from 'react';
import { figuresOf, figuresSummary, KIND_LABELS, lanesWith, type Board, type EventModelFigures, type Note } from './model-board';

/**
 * The board as a table: a column per step, a row per swimlane, so a screen reader names the lane
 * and the step of every note. It is wider than most screens: it scrolls sideways inside a region
 * the keyboard can focus, and the lane names stay in view.
 */
export function BoardGrid({
  board,
  shown,
  figures,
  onOpen,
}: Readonly<{ board: Board; shown: readonly Note[]; figures: EventModelFigures | undefined; onOpen: (note: Note) => void }>) {
  const titleId = useId();
  const shownLanes = lanesWith(shown);
  const isShown = new Set(shown);
  return (
    <>
      <h2 id={titleId}>The board</h2>
      <div className="model-grid-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
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
                          <NoteButton key={`${note.kind}:${note.id}`} note={note} laneName={lane.name} stepName={step.name} figures={figures} onOpen={onOpen} />
                        ))}
                    </td>
                  ))}
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

function NoteButton({
  note,
  laneName,
  stepName,
  figures,
  onOpen,
}: Readonly<{ note: Note; laneName: string; stepName: string; figures: EventModelFigures | undefined; onOpen: (note: Note) => void }>) {
  const summary = figuresSummary(figuresOf(note, figures));
  return (
    <button
      type="button"
      className={`model-note model-note-${note.kind}`}
      data-kind={note.kind}
      data-id={note.id}
      data-lane={laneName}
      data-step={stepName}
      aria-haspopup="dialog"
      onClick={() => onOpen(note)}
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
