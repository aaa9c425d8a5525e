import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { api, call } from '../api/client';
import { Field } from '../components/field';
import { FailureNotice, Loading, Retry } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad } from '../components/use-request';
import { BoardGrid } from './model-board-grid';
import { boardOf, flowsOf, matchesFilter, type EventModel, type EventModelFigures, type Note } from './model-board';
import { ModelChecks } from './model-checks';
import { NoteDetails } from './model-note-details';
import './model.css';

/** How often the figures refresh while the board is open and visible: enough to watch a flow run. */
const FIGURES_REFRESH_MS = 10_000;

/**
 * The Event Model as a board: the story's steps left to right, a swimlane per stream category
 * under the automations and read models, every note opening its code, specs and live figures.
 */
export function ModelPage() {
  const [model, reloadModel] = useLoad(() => call(() => api.GET('/api/admin/event-model')), []);
  const [figures, reloadFigures] = useLoad(() => call(() => api.GET('/api/admin/event-model/figures')), []);
  // The last figures stay on the notes while newer ones load, so a refresh never blanks the board.
  const [lastFigures, setLastFigures] = useState<EventModelFigures | undefined>();
  useEffect(() => {
    if (figures.state === 'loaded') setLastFigures(figures.data);
  }, [figures]);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reloadFigures();
    }, FIGURES_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reloadFigures]);
  return (
    <Page title="Event Model">
      {model.state === 'loading' ? (
        <Loading what="the Event Model" />
      ) : model.state === 'failed' ? (
        <Retry failure={model.failure} what="the Event Model" retry={reloadModel} />
      ) : (
        <ModelBoard model={model.data} figures={lastFigures}>
          {figures.state === 'failed' ? <FailureNotice failure={figures.failure} title="The live figures could not be loaded; the board shows the last ones it had, if any." /> : null}
          <p className="model-figures-status">
            {lastFigures === undefined
              ? figures.state === 'loading'
                ? 'Loading the live figures… '
                : null
              : `Live figures of this server since ${timeOf(lastFigures.countedSince)}, refreshed every ${FIGURES_REFRESH_MS / 1000} s. `}
            <button type="button" className="link-button" onClick={reloadFigures}>
              Refresh figures
            </button>
          </p>
        </ModelBoard>
      )}
    </Page>
  );
}

function ModelBoard({ model, figures, children }: Readonly<{ model: EventModel; figures: EventModelFigures | undefined; children: ReactNode }>) {
  const board = useMemo(() => boardOf(model), [model]);
  const flows = useMemo(() => flowsOf(model), [model]);
  const [filter, setFilter] = useState('');
  const [opened, setOpened] = useState<Note | undefined>();
  const countId = useId();
  const shown = board.notes.filter((note) => matchesFilter(note, filter));
  const open = (kind: Note['kind'], id: string) => setOpened(board.notes.find((note) => note.kind === kind && note.id === id));
  return (
    <div className="model-board">
      <ModelChecks model={model} onOpen={open} />
      {children}
      <div className="model-filter" role="search">
        <Field label="Filter notes by name" type="search" value={filter} onChange={setFilter} hint="Words of a name, e.g. “user registration”" />
        <p id={countId} role="status" className="model-filter-count">
          {shown.length === board.notes.length ? `${board.notes.length} notes` : `${shown.length} of ${board.notes.length} notes match`}
        </p>
      </div>
      <BoardGrid board={board} shown={shown} flows={flows} figures={figures} onOpen={setOpened} />
      {opened === undefined ? null : <NoteDetails note={opened} board={board} model={model} figures={figures} onOpen={open} onClose={() => setOpened(undefined)} />}
    </div>
  );
}

function timeOf(iso: string): string {
  return new Date(iso).toLocaleString();
}
