import { type ReactNode, useId, useMemo, useState } from 'react';
import { api, call } from '../api/client';
import { Field } from '../components/field';
import { FailureNotice, Loading } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad } from '../components/use-request';
import { Retry } from '../pages/dashboard-page';
import { BoardGrid } from './model-board-grid';
import { boardOf, matchesFilter, type EventModel, type EventModelFigures, type Note } from './model-board';
import { ModelChecks } from './model-checks';
import { NoteDetails } from './model-note-details';
import './model.css';

/**
 * The Event Model as a board: the story's steps left to right, a swimlane per stream category
 * under the automations and read models, every note opening its code, specs and live figures.
 */
export function ModelPage() {
  const [model, reloadModel] = useLoad(() => call(() => api.GET('/api/admin/event-model')), []);
  const [figures, reloadFigures] = useLoad(() => call(() => api.GET('/api/admin/event-model/figures')), []);
  return (
    <Page title="Event Model">
      {model.state === 'loading' ? (
        <Loading what="the Event Model" />
      ) : model.state === 'failed' ? (
        <Retry failure={model.failure} what="the Event Model" retry={reloadModel} />
      ) : (
        <ModelBoard model={model.data} figures={figures.state === 'loaded' ? figures.data : undefined}>
          {figures.state === 'failed' ? <FailureNotice failure={figures.failure} title="The live figures could not be loaded; the board shows the model without them." /> : null}
          <p className="model-figures-status">
            {figures.state === 'loading' ? 'Loading the live figures…' : figures.state === 'loaded' ? `Live figures of this server since ${timeOf(figures.data.countedSince)}. ` : null}
            <button type="button" className="link-button" onClick={reloadFigures} disabled={figures.state === 'loading'}>
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
      <BoardGrid board={board} shown={shown} figures={figures} onOpen={setOpened} />
      {opened === undefined ? null : <NoteDetails note={opened} board={board} model={model} figures={figures} onOpen={open} onClose={() => setOpened(undefined)} />}
    </div>
  );
}

function timeOf(iso: string): string {
  return new Date(iso).toLocaleString();
}
