import { useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { FailureNotice, Loading } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad, useSubmit } from '../components/use-request';
import { Link, useLocation } from '../router';
import { Retry } from './dashboard-page';

const PAGE_SIZE = 20;

/** Every registered user, a page at a time; the page number lives in the URL so a page can be shared. */
export function AdminParticipantsPage() {
  const { query } = useLocation();
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const [users, reload] = useLoad(() => call(() => api.GET('/api/users', { params: { query: { page, limit: PAGE_SIZE } } })), [page]);

  if (users.state === 'loading') return <Page title="Participants"><Loading what="participants" /></Page>;
  if (users.state === 'failed') return <Page title="Participants"><Retry failure={users.failure} what="the participants" retry={reload} /></Page>;
  const { items, total, limit } = users.data;
  const lastPage = Math.max(1, Math.ceil(total / limit));
  return (
    <Page title="Participants">
      <table>
        <caption>
          {total} {total === 1 ? 'participant' : 'participants'}, page {page} of {lastPage}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {items.map((user) => (
            <tr key={user.id}>
              <td>{user.fullName}</td>
              <td>{user.email}</td>
              <td>
                <AdminRoleGrant user={user} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages of participants" className="pager">
        {page > 1 ? <Link to={`/admin/participants?page=${page - 1}`}>Previous page</Link> : null}
        {page < lastPage ? <Link to={`/admin/participants?page=${page + 1}`}>Next page</Link> : null}
      </nav>
    </Page>
  );
}

/** Granting is idempotent, so the button is offered for every user; an administrator granted again stays one. */
function AdminRoleGrant({ user }: Readonly<{ user: Schemas['UserProfileResponse'] }>) {
  const [granted, setGranted] = useState(false);
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/users/{userId}/role-grants', { params: { path: { userId: user.id } }, body: { role: 'admin' } })),
    () => setGranted(true),
  );
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
