import { useEffect, useId, useState } from 'react';
import { api, call, type ApiFailure, type Schemas } from '../api/client';
import { FailureNotice, Loading } from '../components/failure-notice';
import { useSubmit } from '../components/use-request';
import { formatTime } from './subscriptions-time';

type Action = Schemas['SubscriptionActionResponse'];

const PAGE_SIZE = 10;

/** What administrators did to the subscriptions, newest first; `version` changes after each action on this page. */
export function RecentActions({ version }: Readonly<{ version: number }>) {
  const headingId = useId();
  const [actions, setActions] = useState<Action[] | null>(null);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    void call(() => api.GET('/api/admin/subscriptions/actions', { params: { query: { limit: PAGE_SIZE } } })).then((result) => {
      if (!current) return;
      if (result.ok) {
        setActions(result.data.actions);
        setNextBefore(result.data.nextBefore);
        setFailure(undefined);
      } else setFailure(result.failure);
    });
    return () => {
      current = false;
    };
  }, [version, attempt]);
  const older = useSubmit(
    () => call(() => api.GET('/api/admin/subscriptions/actions', { params: { query: { limit: PAGE_SIZE, before: nextBefore ?? undefined } } })),
    (page) => {
      setActions((shown) => [...(shown ?? []), ...page.actions]);
      setNextBefore(page.nextBefore);
    },
  );

  return (
    <section aria-labelledby={headingId} className="subscription-actions">
      <h2 id={headingId}>Recent actions</h2>
      {failure !== undefined ? (
        <>
          <FailureNotice failure={failure} title="We could not load the recent actions." />
          <button type="button" onClick={() => setAttempt((value) => value + 1)}>
            Try again
          </button>
        </>
      ) : actions === null ? (
        <Loading what="recent actions" />
      ) : actions.length === 0 ? (
        <p>No administrator has replayed, skipped or rebuilt anything yet.</p>
      ) : (
        <>
          <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
            <table aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Subscription</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {actions.map((action) => (
                  <tr key={action.eventId}>
                    <td className="nowrap">
                      <time dateTime={action.at}>{formatTime(action.at)}</time>
                    </td>
                    <td>
                      <code>{action.adminId}</code>
                    </td>
                    <td>{describe(action)}</td>
                    <td>{action.subscriptionId}</td>
                    <td>
                      {action.outcome}
                      {action.error === null ? null : <span className="hint"> {action.error}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {nextBefore === null ? null : (
            <button type="button" onClick={() => void older.submit()} disabled={older.pending}>
              {older.pending ? 'Loading…' : 'Show older actions'}
            </button>
          )}
          {older.failure === undefined ? null : <FailureNotice failure={older.failure} title="We could not load older actions." />}
        </>
      )}
    </section>
  );
}

function describe(action: Action): string {
  switch (action.action) {
    case 'replay':
      return `Replayed parked event ${action.parkedEventId ?? ''}`;
    case 'skip':
      return `Skipped parked event ${action.parkedEventId ?? ''}`;
    case 'rebuild':
      return 'Requested a rebuild';
  }
}
