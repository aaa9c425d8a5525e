import { useId } from 'react';
import { api, call, type Schemas } from '../api/client';
import { Loading, Retry } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad } from '../components/use-request';
import { Link, useLocation } from '../router';
import { categoryAddress } from './streams-breadcrumbs';
import { StreamEvents } from './streams-events';
import { StreamList } from './streams-list';
import './streams.css';

/**
 * The stream browser: categories, then a category's streams, then a stream's events. Where the
 * browser is lives in the query string (`?category=…[&search=…]`, `?stream=…`), so any view can be
 * shared or bookmarked.
 */
export function StreamsPage() {
  const { query } = useLocation();
  const stream = query.get('stream');
  const category = query.get('category');
  return (
    <div className="stream-browser">
      {stream !== null ? (
        <StreamEvents key={stream} streamName={stream} />
      ) : category !== null ? (
        <StreamList key={category} category={category} search={query.get('search') ?? ''} />
      ) : (
        <Categories />
      )}
    </div>
  );
}

function Categories() {
  const [categories, reload] = useLoad(() => call(() => api.GET('/api/admin/streams/categories')), []);
  return (
    <Page title="Streams">
      {categories.state === 'loading' ? (
        <Loading what="the stream categories" />
      ) : categories.state === 'failed' ? (
        <Retry failure={categories.failure} what="the stream categories" retry={reload} />
      ) : (
        <CategoriesTable categories={categories.data} />
      )}
    </Page>
  );
}

/** Scrolls sideways in a focusable region on a narrow screen, as the participants table does. */
function CategoriesTable({ categories }: Readonly<{ categories: readonly Schemas['StreamCategoryResponse'][] }>) {
  const summaryId = useId();
  if (categories.length === 0) return <p>No event is stored yet.</p>;
  const events = categories.reduce((sum, category) => sum + category.events, 0);
  return (
    <>
      <p id={summaryId} className="table-summary">
        {categories.length} {categories.length === 1 ? 'category' : 'categories'}, {events} {events === 1 ? 'event' : 'events'}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={summaryId} tabIndex={0}>
        <table aria-labelledby={summaryId}>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="count">
                Streams
              </th>
              <th scope="col" className="count">
                Events
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <tr key={category.category}>
                <td>
                  <Link to={categoryAddress(category.category)}>{category.category}</Link>
                </td>
                <td className="count">{category.streams}</td>
                <td className="count">{category.events}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
