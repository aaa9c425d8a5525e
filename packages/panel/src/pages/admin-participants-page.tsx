import { type FormEvent, useId, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { Field } from '../components/field';
import { FailureNotice, Loading, Retry } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad, useSubmit } from '../components/use-request';
import { Link, navigate, useLocation } from '../router';

const PAGE_SIZE = 20;
/** What the API accepts as `q`. */
const MAX_SEARCH_LENGTH = 100;

const pageAddress = (q: string, page: number) => `/admin/participants?${new URLSearchParams({ ...(q === '' ? {} : { q }), page: String(page) })}`;

/** Every registered user or those found, a page at a time; the search and page live in the URL so a page can be shared. */
export function AdminParticipantsPage() {
  const { query } = useLocation();
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const q = query.get('q')?.slice(0, MAX_SEARCH_LENGTH) ?? '';
  const [users, reload] = useLoad(() => call(() => api.GET('/api/users', { params: { query: { page, limit: PAGE_SIZE, ...(q === '' ? {} : { q }) } } })), [page, q]);

  return (
    <Page title="Participants">
      <SearchForm key={q} searched={q} />
      {users.state === 'loading' ? (
        <Loading what="participants" />
      ) : users.state === 'failed' ? (
        <Retry failure={users.failure} what="the participants" retry={reload} />
      ) : (
        <ParticipantsTable page={users.data} q={q} />
      )}
    </Page>
  );
}

function SearchForm({ searched }: Readonly<{ searched: string }>) {
  const [text, setText] = useState(searched);
  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(pageAddress(text.trim(), 1));
  };
  return (
    <form role="search" onSubmit={search}>
      <Field label="Name or email" type="search" value={text} onChange={setText} maxLength={MAX_SEARCH_LENGTH} />
      <button type="submit">Search</button>
    </form>
  );
}

/**
 * Words are never broken: on a screen narrower than the table, it scrolls sideways inside a region,
 * which the keyboard can focus and scroll too. The summary names both; it stays outside the region,
 * where a caption would scroll out of sight with the table.
 */
function ParticipantsTable({ page: { items, total, limit, page }, q }: Readonly<{ page: Schemas['UserProfilePageResponse']; q: string }>) {
  const summaryId = useId();
  const lastPage = Math.max(1, Math.ceil(total / limit));
  const found = q === '' ? '' : ` matching “${q}”`;
  return (
    <>
      <p id={summaryId} className="table-summary">
        {total} {total === 1 ? 'participant' : 'participants'}
        {found}, page {page} of {lastPage}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={summaryId} tabIndex={0}>
        <table aria-labelledby={summaryId}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Course</th>
              <th scope="col" className="count">Completed tasks</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {items.map((user) => (
              <tr key={user.id}>
                <td>{user.fullName}</td>
                <td className="email">{user.email}</td>
                <td>{courseOf(user)}</td>
                <td className="count">{user.completedTasks}</td>
                <td>
                  <AdminRoleGrant user={user} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages of participants" className="pager">
        {page > 1 ? <Link to={pageAddress(q, page - 1)}>Previous page</Link> : null}
        {page < lastPage ? <Link to={pageAddress(q, page + 1)}>Next page</Link> : null}
      </nav>
    </>
  );
}

function courseOf({ course }: Schemas['UserProfilePageItemResponse']): string {
  if (course === null) return 'Not enrolled';
  // The enrolment names a course the API has not seen created yet (it may be configured ahead).
  return course.name ?? 'Not published yet';
}

function AdminRoleGrant({ user }: Readonly<{ user: Schemas['UserProfilePageItemResponse'] }>) {
  const [granted, setGranted] = useState(false);
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/users/{userId}/role-grants', { params: { path: { userId: user.id } }, body: { role: 'admin' } })),
    () => setGranted(true),
  );
  if (user.role === 'admin') return <>Administrator</>;
  if (granted) return <span role="status">Administrator</span>;
  return (
    <>
      <button type="button" onClick={() => void submit()} disabled={pending} aria-label={`Make administrator: ${user.fullName}`}>
        {pending ? 'Granting…' : 'Make administrator'}
      </button>
      {failure === undefined ? null : <FailureNotice failure={failure} title="The role could not be granted." />}
    </>
  );
}
