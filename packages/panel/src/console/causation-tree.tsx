import { useId, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { Loading, Retry } from '../components/failure-notice';
import { useLoad } from '../components/use-request';
import { Link } from '../router';
import { causationAddress, clockTime, dateTime, duration, streamAddress } from './causation-format';

type Node = Schemas['CausationNodeResponse'];

/** The tree of one correlation id, with the flow's totals above it. */
export function CausationTree({ correlationId }: Readonly<{ correlationId: string }>) {
  const [loaded, reload] = useLoad(() => call(() => api.GET('/api/admin/causation/{correlationId}', { params: { path: { correlationId } } })), [correlationId]);
  if (loaded.state === 'loading') return <Loading what="the causation tree" />;
  if (loaded.state === 'failed') {
    if (loaded.failure.code === 'CORRELATION_NOT_FOUND') return <NothingStored correlationId={correlationId} />;
    return <Retry failure={loaded.failure} what="the causation tree" retry={reload} />;
  }
  return <Flow flow={loaded.data} reload={reload} />;
}

function NothingStored({ correlationId }: Readonly<{ correlationId: string }>) {
  return (
    <div className="causation-notice" role="status">
      <p>
        No stored event carries the correlation id <code>{correlationId}</code>.
      </p>
      <p>A request that only read, or was refused, stores nothing. Check the id, or look the flows up by stream or by user.</p>
    </div>
  );
}

function Flow({ flow, reload }: Readonly<{ flow: Schemas['CausationResponse']; reload: () => void }>) {
  // Collapsing or expanding everything remounts the tree with every branch in that state.
  const [layout, setLayout] = useState({ open: true, generation: 0 });
  const headingId = useId();
  const setAll = (open: boolean) => setLayout(({ generation }) => ({ open, generation: generation + 1 }));
  return (
    <section aria-labelledby={headingId} className="causation-flow">
      <h2 id={headingId}>What {flow.firstCommand ?? 'the request'} set in motion</h2>
      <dl className="causation-totals">
        <div>
          <dt>Correlation id</dt>
          <dd>
            <code>{flow.correlationId}</code>
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <time dateTime={flow.startedAt}>{dateTime(flow.startedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Took</dt>
          <dd>{duration(flow.durationMs)}</dd>
        </div>
        <div>
          <dt>Events</dt>
          <dd>{flow.events}</dd>
        </div>
        <div>
          <dt>Streams touched</dt>
          <dd>{flow.streams}</dd>
        </div>
      </dl>
      <div className="causation-actions">
        <button type="button" onClick={() => setAll(false)}>
          Collapse all
        </button>
        <button type="button" onClick={() => setAll(true)}>
          Expand all
        </button>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      <p className="hint">Automations still at work add to the tree: refresh to see them.</p>
      <ul className="causation-tree" aria-label={`Causation of ${flow.correlationId}`} key={layout.generation}>
        {flow.commands.map((command) => (
          <NodeItem key={command.id} node={command} atTop initiallyOpen={layout.open} />
        ))}
      </ul>
    </section>
  );
}

/** One command or event, with what it caused below it in a branch of its own that can be collapsed. */
function NodeItem({ node, atTop = false, initiallyOpen }: Readonly<{ node: Node; atTop?: boolean; initiallyOpen: boolean }>) {
  const [open, setOpen] = useState(initiallyOpen);
  const branchId = useId();
  const name = `${node.kind} ${node.type ?? 'of unknown type'}`;
  return (
    <li>
      <div className="causation-line">
        {node.children.length === 0 ? (
          <span className="causation-leaf" aria-hidden="true" />
        ) : (
          <button type="button" className="causation-toggle" aria-expanded={open} aria-controls={branchId} aria-label={`What ${name} caused`} onClick={() => setOpen(!open)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        )}
        {node.kind === 'command' ? <CommandDetails command={node} atTop={atTop} /> : <EventDetails event={node} />}
      </div>
      {node.children.length === 0 ? null : (
        <ul id={branchId} hidden={!open}>
          {node.children.map((child) => (
            <NodeItem key={child.id} node={child} initiallyOpen={initiallyOpen} />
          ))}
        </ul>
      )}
    </li>
  );
}

function CommandDetails({ command, atTop }: Readonly<{ command: Node; atTop: boolean }>) {
  return (
    <div className="causation-details">
      <p className="causation-title">
        <span className="causation-kind causation-kind-command">Command</span> <strong>{command.type ?? 'of unknown type'}</strong>
      </p>
      <p className="causation-meta">
        {command.automation !== null ? (
          <>
            sent by automation <code>{command.automation}</code>
          </>
        ) : atTop ? (
          'sent by the request'
        ) : (
          'sent by the command above'
        )}
        {' · '}
        <Timing at={command.at} hopMs={command.hopMs} />
      </p>
    </div>
  );
}

function EventDetails({ event }: Readonly<{ event: Node }>) {
  const streamName = event.streamName ?? '';
  return (
    <div className="causation-details">
      <p className="causation-title">
        <span className="causation-kind causation-kind-event">Event</span> <strong>{event.type}</strong>
      </p>
      <p className="causation-meta">
        in <Link to={streamAddress(streamName)}>{streamName}</Link> at position {event.position}, global {event.globalPosition}
        {' · '}
        <Timing at={event.at} hopMs={event.hopMs} />
        {' · '}
        <Link to={causationAddress({ kind: 'streamName', value: streamName })} aria-label={`Flows of ${streamName}`}>
          flows
        </Link>
      </p>
    </div>
  );
}

function Timing({ at, hopMs }: Readonly<{ at: string; hopMs: number | null }>) {
  return (
    <>
      <time dateTime={at}>{clockTime(at)}</time>
      {hopMs === null ? null : <span className="causation-hop"> +{hopMs} ms</span>}
    </>
  );
}
