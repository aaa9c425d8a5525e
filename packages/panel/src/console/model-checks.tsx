import type { EventModel, NoteKind } from './model-board';

const NOTE_KINDS: readonly string[] = ['command', 'event', 'readModel', 'automation'];

/**
 * The model's consistency checks at the top of the board: its problems (none when sound), and the
 * problems declared acceptable, each with its reason. A problem about a note opens it.
 */
export function ModelChecks({ model, onOpen }: Readonly<{ model: EventModel; onOpen: (kind: NoteKind, id: string) => void }>) {
  return (
    <section aria-labelledby="model-checks" className="model-checks">
      <h2 id="model-checks">Consistency checks</h2>
      {model.problems.length === 0 ? (
        <p className="success">No problems: every event is emitted, every command sent, every read model read, every slice specified.</p>
      ) : (
        <ul className="model-problems">
          {model.problems.map((problem) => (
            <li key={`${problem.code} ${problem.element.id}`}>
              <span className="model-note-problem">⚠ {problem.code}</span> <ElementName kind={problem.element.kind} id={problem.element.id} onOpen={onOpen} />: {problem.message}
            </li>
          ))}
        </ul>
      )}
      {model.allowedExceptions.length === 0 ? null : (
        <details>
          <summary>
            {model.allowedExceptions.length} allowed {model.allowedExceptions.length === 1 ? 'exception' : 'exceptions'}
          </summary>
          <ul>
            {model.allowedExceptions.map((exception) => (
              <li key={`${exception.code} ${exception.element.id}`}>
                {exception.code} <ElementName kind={exception.element.kind} id={exception.element.id} onOpen={onOpen} />: {exception.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function ElementName({ kind, id, onOpen }: Readonly<{ kind: string; id: string; onOpen: (kind: NoteKind, id: string) => void }>) {
  if (!NOTE_KINDS.includes(kind)) return <code>{id}</code>;
  return (
    <button type="button" className="link-button" aria-haspopup="dialog" onClick={() => onOpen(kind as NoteKind, id)}>
      {id}
    </button>
  );
}
