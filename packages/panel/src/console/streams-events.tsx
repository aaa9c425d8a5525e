import { api, call, type ApiFailure, type ApiResult, type Schemas } from '../api/client';
import { FailureNotice, Loading, Retry } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad } from '../components/use-request';
import { Link } from '../router';
import { categoryOf, StreamsBreadcrumbs } from './streams-breadcrumbs';
import { useMorePages } from './streams-more';
import { eventTime } from './streams-time';

const PAGE_SIZE = 20;

type StreamEvents = Schemas['StreamEventsResponse'];
type StreamEvent = Schemas['StreamEventResponse'];

const causationAddress = (correlationId: string) => `/console/causation?${new URLSearchParams({ correlationId })}`;

/** A stream's events in stream order, a page at a time; each opens to its data and metadata. */
export function StreamEvents({ streamName }: Readonly<{ streamName: string }>) {
  const page = (after = 0) =>
    call(() => api.GET('/api/admin/streams/{streamName}/events', { params: { path: { streamName }, query: { after, limit: PAGE_SIZE } } }));
  const [first, reload] = useLoad(() => page(), [streamName]);
  return (
    <Page title={`Stream ${streamName}`}>
      <StreamsBreadcrumbs category={categoryOf(streamName)} streamName={streamName} />
      {first.state === 'loading' ? (
        <Loading what="the stream's events" />
      ) : first.state === 'failed' ? (
        <EventsFailure failure={first.failure} streamName={streamName} retry={reload} />
      ) : (
        <EventList first={first.data} loadAfter={page} />
      )}
    </Page>
  );
}

function EventsFailure({ failure, streamName, retry }: Readonly<{ failure: ApiFailure; streamName: string; retry: () => void }>) {
  if (failure.code === 'STREAM_NOT_FOUND') return <FailureNotice failure={failure} summary={`No event is stored in stream ${streamName}.`} />;
  if (failure.code === 'VALIDATION_FAILED') return <FailureNotice failure={failure} summary={`“${streamName}” is not a stream name: <Category>_<id>, at most 512 characters.`} />;
  return <Retry failure={failure} what="the stream's events" retry={retry} />;
}

function EventList({ first, loadAfter }: Readonly<{ first: StreamEvents; loadAfter: (after: number) => Promise<ApiResult<StreamEvents>> }>) {
  const { items, container, hasMore, loadMore, pending, failure } = useMorePages<StreamEvents, HTMLOListElement>(first, loadAfter);
  return (
    <>
      <p className="table-summary" aria-live="polite">
        Version {first.version}: {items.length === first.version ? `all ${items.length}` : `${items.length} of ${first.version}`}{' '}
        {first.version === 1 ? 'event' : 'events'} shown
      </p>
      <ol className="stream-events" ref={container}>
        {items.map((event) => (
          <li key={event.id}>
            <EventDetails event={event} />
          </li>
        ))}
      </ol>
      {hasMore ? (
        <button type="button" className="load-more" onClick={() => void loadMore()} disabled={pending}>
          {pending ? 'Loading more events…' : 'Load more events'}
        </button>
      ) : null}
      {failure === undefined ? null : <FailureNotice failure={failure} title="More events could not be loaded." />}
    </>
  );
}

function EventDetails({ event }: Readonly<{ event: StreamEvent }>) {
  const { correlationId } = event.metadata;
  return (
    <details>
      <summary>
        <span className="event-version">#{event.version}</span> <span className="event-type">{event.type}</span>
        <span className="event-facts">
          global position {event.globalPosition} · {eventTime(event.occurredAt)}
        </span>
      </summary>
      <dl className="event-facts-list">
        <dt>Event id</dt>
        <dd>
          <code>{event.id}</code>
        </dd>
        <dt>Schema version</dt>
        <dd>{event.schemaVersion}</dd>
        <dt>Correlation id</dt>
        <dd>
          <Link to={causationAddress(correlationId)} aria-label={`Causation of correlation ${correlationId}`}>
            {correlationId}
          </Link>
        </dd>
      </dl>
      <h2 className="json-heading">Data</h2>
      <pre className="json">{JSON.stringify(event.data, null, 2)}</pre>
      <h2 className="json-heading">Metadata</h2>
      <pre className="json">{JSON.stringify(event.metadata, null, 2)}</pre>
    </details>
  );
}
