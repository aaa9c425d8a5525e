import { type FormEvent, useId, useState } from 'react';
import { api, call, type ApiResult, type Schemas } from '../api/client';
import { Field } from '../components/field';
import { FailureNotice, Loading, Retry } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad } from '../components/use-request';
import { Link, navigate } from '../router';
import { categoryAddress, streamAddress, StreamsBreadcrumbs } from './streams-breadcrumbs';
import { useMorePages } from './streams-more';
import { eventTime } from './streams-time';

const PAGE_SIZE = 25;
/** What the API accepts as `search`. */
const MAX_SEARCH_LENGTH = 100;

type StreamList = Schemas['StreamListResponse'];

/** A category's streams by name, those whose id contains the search text if one is given, a page at a time. */
export function StreamList({ category, search }: Readonly<{ category: string; search: string }>) {
  const searched = search.trim().slice(0, MAX_SEARCH_LENGTH);
  const page = (after?: string) =>
    call(() =>
      api.GET('/api/admin/streams', {
        params: { query: { category, limit: PAGE_SIZE, ...(searched === '' ? {} : { search: searched }), ...(after === undefined ? {} : { after }) } },
      }),
    );
  const [first, reload] = useLoad(() => page(), [category, searched]);
  return (
    <Page title={`${category} streams`}>
      <StreamsBreadcrumbs category={category} />
      <SearchForm key={searched} category={category} searched={searched} />
      {first.state === 'loading' ? (
        <Loading what="the streams" />
      ) : first.state === 'failed' ? (
        <Retry failure={first.failure} what="the streams" retry={reload} />
      ) : (
        <StreamsTable first={first.data} loadAfter={page} searched={searched} />
      )}
    </Page>
  );
}

function SearchForm({ category, searched }: Readonly<{ category: string; searched: string }>) {
  const [text, setText] = useState(searched);
  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(categoryAddress(category, text.trim()));
  };
  return (
    <form role="search" onSubmit={search} className="stream-search">
      <Field label="Stream id contains" hint="Any case; blank lists every stream" type="search" value={text} onChange={setText} maxLength={MAX_SEARCH_LENGTH} />
      <button type="submit">Search</button>
    </form>
  );
}

function StreamsTable({ first, loadAfter, searched }: Readonly<{ first: StreamList; loadAfter: (after: string) => Promise<ApiResult<StreamList>>; searched: string }>) {
  const summaryId = useId();
  const { items, container, hasMore, loadMore, pending, failure } = useMorePages<StreamList, HTMLTableSectionElement>(first, loadAfter);
  const found = searched === '' ? '' : ` whose id contains “${searched}”`;
  if (items.length === 0) return <p>No stream{found === '' ? ' in this category' : found}.</p>;
  return (
    <>
      <p id={summaryId} className="table-summary" aria-live="polite">
        {items.length} {items.length === 1 ? 'stream' : 'streams'}
        {found}
        {hasMore ? ', more to load' : ''}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={summaryId} tabIndex={0}>
        <table aria-labelledby={summaryId}>
          <thead>
            <tr>
              <th scope="col">Stream id</th>
              <th scope="col" className="count">
                Events
              </th>
              <th scope="col">Last event</th>
            </tr>
          </thead>
          <tbody ref={container}>
            {items.map((stream) => (
              <tr key={stream.streamName}>
                <td className="stream-id">
                  <Link to={streamAddress(stream.streamName)}>{stream.streamName.slice(stream.streamName.indexOf('_') + 1)}</Link>
                </td>
                <td className="count">{stream.events}</td>
                <td className="nowrap">{eventTime(stream.lastEventAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasMore ? (
        <button type="button" className="load-more" onClick={() => void loadMore()} disabled={pending}>
          {pending ? 'Loading more streams…' : 'Load more streams'}
        </button>
      ) : null}
      {failure === undefined ? null : <FailureNotice failure={failure} title="More streams could not be loaded." />}
    </>
  );
}
