import { useId } from 'react';
import { api, call, type Schemas } from '../api/client';
import { Loading, Retry } from '../components/failure-notice';
import { useLoad } from '../components/use-request';
import { Link } from '../router';
import { causationAddress, type CausationEntry, clockTime, counted, dateTime, duration, streamAddress } from './causation-format';

/** As many as the API gives at most: a stream's or a user's whole recent history fits. */
const FLOWS_SHOWN = 100;

/** The flows of a stream or a user, newest first, each leading to its tree. */
export function CausationFlows({ entry }: Readonly<{ entry: CausationEntry }>) {
  const query = entry.kind === 'streamName' ? { streamName: entry.value } : { userId: entry.value };
  const [loaded, reload] = useLoad(() => call(() => api.GET('/api/admin/causation', { params: { query: { ...query, limit: FLOWS_SHOWN } } })), [entry.kind, entry.value]);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {entry.kind === 'streamName' ? 'Flows that appended to ' : 'Flows about user '}
        <code>{entry.value}</code>
      </h2>
      {entry.kind === 'streamName' ? (
        <p>
          <Link to={streamAddress(entry.value)}>Open the stream’s events</Link>
        </p>
      ) : null}
      {loaded.state === 'loading' ? (
        <Loading what="the flows" />
      ) : loaded.state === 'failed' ? (
        <Retry failure={loaded.failure} what="the flows" retry={reload} />
      ) : (
        <FlowList flows={loaded.data} entry={entry} />
      )}
    </section>
  );
}

function FlowList({ flows, entry }: Readonly<{ flows: Schemas['CausationFlowResponse'][]; entry: CausationEntry }>) {
  if (flows.length === 0) {
    return (
      <p className="causation-notice" role="status">
        {entry.kind === 'streamName' ? 'No flow appended to this stream: it holds no events.' : 'No flow appended an event about this user.'}
      </p>
    );
  }
  return (
    <>
      <p role="status">
        {counted(flows.length, 'flow')}, newest first{flows.length === FLOWS_SHOWN ? ` (the ${FLOWS_SHOWN} newest)` : ''}.
      </p>
      <ol className="causation-flows">
        {flows.map((flow) => (
          <li key={flow.correlationId}>
            <Link to={causationAddress({ kind: 'correlationId', value: flow.correlationId })}>
              {flow.firstCommand ?? 'Command of unknown type'} at {clockTime(flow.startedAt)}
            </Link>
            <p className="causation-meta">
              <time dateTime={flow.startedAt}>{dateTime(flow.startedAt)}</time> · took {duration(flow.durationMs)} · {counted(flow.events, 'event')} in{' '}
              {counted(flow.streams, 'stream')}
            </p>
            <p className="causation-meta">
              Correlation id <code>{flow.correlationId}</code>
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
