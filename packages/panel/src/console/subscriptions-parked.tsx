import { useId, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { FailureNotice, Loading } from '../components/failure-notice';
import { useLoad, useSubmit } from '../components/use-request';
import { formatTime } from './subscriptions-time';

type Parked = Schemas['ParkedEventResponse'];
type Outcome = Readonly<{ eventId: string; text: string; ok: boolean }>;

/** The events a subscription gave up on, each to replay (once its handler is fixed) or skip for good. */
export function ParkedEvents({ subscriptionId, parkedCount, onChanged }: Readonly<{ subscriptionId: string; parkedCount: number; onChanged: () => void }>) {
  const headingId = useId();
  // Reloaded when the count changes too: a poll of the overview may report a newly parked event.
  const [parked, reload] = useLoad(() => call(() => api.GET('/api/admin/subscriptions/{subscriptionId}/parked', { params: { path: { subscriptionId } } })), [subscriptionId, parkedCount]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const done = (result: Outcome) => {
    setOutcome(result);
    reload();
    onChanged();
  };
  return (
    <div className="subscription-parked">
      <h3 id={headingId}>Parked events</h3>
      <p role="status" className={outcome?.ok === false ? 'parked-outcome failed-outcome' : 'parked-outcome'}>
        {outcome?.text ?? ''}
      </p>
      {parked.state === 'loading' ? (
        <Loading what="parked events" />
      ) : parked.state === 'failed' ? (
        <>
          <FailureNotice failure={parked.failure} title="We could not load the parked events." />
          <button type="button" onClick={reload}>
            Try again
          </button>
        </>
      ) : parked.data.length === 0 ? (
        <p>None: it has handled every event it was given.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <table aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Stream</th>
                <th scope="col" className="count">Position</th>
                <th scope="col">Error</th>
                <th scope="col" className="count">Attempts</th>
                <th scope="col">Parked at</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {parked.data.map((event) => (
                <tr key={event.eventId}>
                  <th scope="row">
                    {event.eventType}
                    <span className="hint"> {event.eventId}</span>
                  </th>
                  <td>{event.streamName}</td>
                  <td className="count">{event.globalPosition}</td>
                  <td>{event.error}</td>
                  <td className="count">{event.attempts}</td>
                  <td className="nowrap">
                    <time dateTime={event.failedAt}>{formatTime(event.failedAt)}</time>
                  </td>
                  <td>
                    <ParkedEventActions subscriptionId={subscriptionId} event={event} onDone={done} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Replay at once; skip only after a second, explicit step, since a skipped event is never handled. */
function ParkedEventActions({ subscriptionId, event, onDone }: Readonly<{ subscriptionId: string; event: Parked; onDone: (outcome: Outcome) => void }>) {
  const [confirmingSkip, setConfirmingSkip] = useState(false);
  const path = { params: { path: { subscriptionId, eventId: event.eventId } } };
  const described = `${event.eventType} at ${event.globalPosition}`;
  const replay = useSubmit(
    () => call(() => api.POST('/api/admin/subscriptions/{subscriptionId}/parked/{eventId}/replay', path)),
    (result) =>
      onDone(
        result.replayed
          ? { eventId: event.eventId, ok: true, text: `Replayed ${described}: handled, off the list.` }
          : { eventId: event.eventId, ok: false, text: `Replayed ${described}: failed again (${result.attempts ?? '?'} attempts): ${result.error ?? ''}` },
      ),
  );
  const skip = useSubmit(
    () => call(() => api.POST('/api/admin/subscriptions/{subscriptionId}/parked/{eventId}/skip', path)),
    () => onDone({ eventId: event.eventId, ok: true, text: `Skipped ${described}: it will not be handled.` }),
  );
  const pending = replay.pending || skip.pending;
  return (
    <div className="parked-actions">
      {confirmingSkip ? (
        <div role="group" aria-label={`Skip ${described}?`}>
          <p>Skip it for good?</p>
          <button type="button" onClick={() => void skip.submit()} disabled={pending} autoFocus>
            {skip.pending ? 'Skipping…' : 'Confirm skip'}
          </button>
          <button type="button" className="secondary-button" onClick={() => setConfirmingSkip(false)} disabled={pending}>
            Keep it
          </button>
        </div>
      ) : (
        <>
          <button type="button" onClick={() => void replay.submit()} disabled={pending} aria-label={`Replay ${described}`}>
            {replay.pending ? 'Replaying…' : 'Replay'}
          </button>
          <button type="button" className="secondary-button" onClick={() => setConfirmingSkip(true)} disabled={pending} aria-label={`Skip ${described}`}>
            Skip
          </button>
        </>
      )}
      {replay.failure === undefined ? null : <FailureNotice failure={replay.failure} title="The replay failed." />}
      {skip.failure === undefined ? null : <FailureNotice failure={skip.failure} title="The skip failed." />}
    </div>
  );
}
