import { type ReactNode, useEffect, useId, useRef } from 'react';
import type { Schemas } from '../api/client';
import { figuresOf, KIND_LABELS, type Board, type EventModel, type EventModelFigures, type Note, type NoteKind } from './model-board';

/** Where the API's sources are: the model names files relative to it. */
const SOURCE_ROOT = 'packages/api/src/';

type Open = (kind: NoteKind, id: string) => void;

/**
 * A note's details in a modal dialog: what it is, where its code and specs are, what it is
 * connected to (each a button opening that note) and its live figures. Escape or the close button
 * closes it, and the focus goes back to the note that opened it.
 */
export function NoteDetails({
  note,
  board,
  model,
  figures,
  onOpen,
  onClose,
}: Readonly<{ note: Note; board: Board; model: EventModel; figures: EventModelFigures | undefined; onOpen: Open; onClose: () => void }>) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);
  const step = board.steps[note.step]?.name ?? '';
  const lane = board.lanes[note.lane];
  return (
    <dialog ref={dialog} className="model-details" aria-labelledby={titleId} onClose={onClose}>
      <div className="model-details-header">
        <h2 id={titleId}>
          <span className={`model-details-kind model-note-${note.kind}`}>{KIND_LABELS[note.kind]}</span> <span className="model-details-name">{note.id}</span>
        </h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <dl className="model-facts">
        <Fact term="Step">{step}</Fact>
        <Fact term="Lane">{lane === undefined ? '' : lane.kind === 'stream' ? `Stream ${lane.name}` : lane.name}</Fact>
        <ElementFacts note={note} model={model} onOpen={onOpen} />
      </dl>
      <Problems note={note} />
      <Figures note={note} figures={figures} />
      <Specs note={note} model={model} />
    </dialog>
  );
}

function ElementFacts({ note, model, onOpen }: Readonly<{ note: Note; model: EventModel; onOpen: Open }>) {
  if (note.kind === 'command') {
    const command = model.commands.find((candidate) => candidate.type === note.id);
    if (command === undefined) return null;
    return (
      <>
        <Fact term="Slice">{sliceFolder(command.slice)}</Fact>
        <Files files={command.files} />
        <Fact term="Sent from">
          <List items={[...command.endpoints.map(endpoint), ...command.sentBy.map((sender) => `${sender.kind} ${sender.name}`)]} />
        </Fact>
        <Fact term="Emits">
          <Links kind="event" ids={command.emits} onOpen={onOpen} />
        </Fact>
      </>
    );
  }
  if (note.kind === 'event') {
    const event = model.events.find((candidate) => candidate.type === note.id);
    if (event === undefined) return null;
    const handledBy = (id: string): NoteKind => (model.automations.some((automation) => automation.id === id) ? 'automation' : 'readModel');
    return (
      <>
        <Fact term="Emitted by">
          <List items={event.emittedBy.map(sliceFolder)} />
        </Fact>
        <Fact term="Handled by">
          <List items={event.handledBy.map((id) => <OpenButton key={id} kind={handledBy(id)} id={id} onOpen={onOpen} />)} />
        </Fact>
      </>
    );
  }
  if (note.kind === 'readModel') {
    const readModel = model.readModels.find((candidate) => candidate.id === note.id);
    if (readModel === undefined) return null;
    return (
      <>
        <Fact term="Slice">{readModel.slice === null ? 'none' : sliceFolder(readModel.slice)}</Fact>
        <Files files={readModel.files} />
        <Fact term="Handles">
          <Links kind="event" ids={readModel.handles} onOpen={onOpen} />
        </Fact>
        <Fact term="Tables">
          <List items={readModel.tables.map((table) => <code key={table}>{table}</code>)} />
        </Fact>
        <Fact term="Read by">
          <List items={readModel.endpoints.map(endpoint)} />
        </Fact>
      </>
    );
  }
  const automation = model.automations.find((candidate) => candidate.id === note.id);
  if (automation === undefined) return null;
  return (
    <>
      <Fact term="Slice">{sliceFolder(automation.slice)}</Fact>
      <Files files={automation.files} />
      <Fact term="On">
        <Links kind="event" ids={automation.on} onOpen={onOpen} />
      </Fact>
      <Fact term="Sends">
        <Links kind="command" ids={automation.sends} onOpen={onOpen} />
      </Fact>
      {automation.emits.length === 0 ? null : (
        <Fact term="Appends">
          <Links kind="event" ids={automation.emits} onOpen={onOpen} />
        </Fact>
      )}
      {automation.readsFrom.length === 0 ? null : (
        <Fact term="Waits for">
          <Links kind="readModel" ids={automation.readsFrom} onOpen={onOpen} />
        </Fact>
      )}
    </>
  );
}

function Figures({ note, figures }: Readonly<{ note: Note; figures: EventModelFigures | undefined }>) {
  const found = figuresOf(note, figures);
  if (note.kind === 'event') return null;
  return (
    <section aria-labelledby="model-details-figures">
      <h3 id="model-details-figures">Live figures</h3>
      {found.kind === 'none' ? (
        <p>{figures === undefined ? 'The live figures are not loaded.' : 'This server reports none.'}</p>
      ) : found.kind === 'command' ? (
        <dl className="model-facts">
          <Fact term="Handled">{found.handled}</Fact>
          <Fact term="Succeeded">{found.succeeded}</Fact>
          <Fact term="Rejected">
            {found.rejected.length === 0 ? '0' : <List items={found.rejected.map(({ code, count }) => `${code}: ${count}`)} />}
          </Fact>
        </dl>
      ) : (
        <dl className="model-facts">
          <Fact term="Subscription state">{found.state}</Fact>
          <Fact term="Lag">
            {found.lagEvents} {found.lagEvents === 1 ? 'event' : 'events'}, {found.lagSeconds.toFixed(1)} s
          </Fact>
          <Fact term="Parked events">{found.parkedEvents}</Fact>
        </dl>
      )}
    </section>
  );
}

function Specs({ note, model }: Readonly<{ note: Note; model: EventModel }>) {
  const element: { specs: Schemas['ModelSpecResponse'][] } | undefined =
    note.kind === 'command'
      ? model.commands.find((candidate) => candidate.type === note.id)
      : note.kind === 'readModel'
        ? model.readModels.find((candidate) => candidate.id === note.id)
        : note.kind === 'automation'
          ? model.automations.find((candidate) => candidate.id === note.id)
          : undefined;
  if (element === undefined) return null;
  return (
    <section aria-labelledby="model-details-specs">
      <h3 id="model-details-specs">Specs</h3>
      {element.specs.length === 0 ? <p>No spec file in its slice.</p> : null}
      {element.specs.map((spec) => (
        <div key={spec.file} className="model-spec">
          <p>
            <code>{SOURCE_ROOT + spec.file}</code>
          </p>
          <ul>
            {spec.tests.map((test, index) => (
              <li key={index}>{test}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Problems({ note }: Readonly<{ note: Note }>) {
  if (note.problems.length === 0 && note.allowedExceptions.length === 0) return null;
  return (
    <section aria-labelledby="model-details-problems">
      <h3 id="model-details-problems">Consistency checks</h3>
      <ul>
        {note.problems.map((problem) => (
          <li key={problem.code}>
            <span className="model-note-problem">⚠ {problem.code}</span>: {problem.message}
          </li>
        ))}
        {note.allowedExceptions.map((exception) => (
          <li key={exception.code}>
            Allowed {exception.code}: {exception.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Fact({ term, children }: Readonly<{ term: string; children: ReactNode }>) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Files({ files }: Readonly<{ files: readonly string[] }>) {
  return (
    <Fact term="Code">
      <List items={files.map((file) => <code key={file}>{SOURCE_ROOT + file}</code>)} />
    </Fact>
  );
}

function List({ items }: Readonly<{ items: readonly ReactNode[] }>) {
  if (items.length === 0) return <>none</>;
  return (
    <ul>
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

function Links({ kind, ids, onOpen }: Readonly<{ kind: NoteKind; ids: readonly string[]; onOpen: Open }>) {
  return <List items={ids.map((id) => <OpenButton key={id} kind={kind} id={id} onOpen={onOpen} />)} />;
}

function OpenButton({ kind, id, onOpen }: Readonly<{ kind: NoteKind; id: string; onOpen: Open }>) {
  return (
    <button type="button" className="link-button" onClick={() => onOpen(kind, id)}>
      {id}
    </button>
  );
}

function sliceFolder(slice: string): ReactNode {
  return <code>{`${SOURCE_ROOT}module/${slice}`}</code>;
}

function endpoint({ method, path }: Schemas['EndpointResponse']): ReactNode {
  return <code key={`${method} ${path}`}>{`${method} ${path}`}</code>;
}
