import { useEffect, useId, useRef, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { FailureNotice } from '../components/failure-notice';
import { useSubmit } from '../components/use-request';
import { formatTime, secondsSince } from './subscriptions-time';

type Overview = Schemas['SubscriptionOverviewResponse'];
type Rebuild = NonNullable<Overview['rebuild']>;

const percentOf = ({ done, eventsToReplay }: Rebuild) => (eventsToReplay === 0 ? 100 : Math.floor((done / eventsToReplay) * 100));

/** The table's short word on the last rebuild. */
export function rebuildSummary(rebuild: Overview['rebuild']): string {
  if (rebuild === null) return '—';
  if (rebuild.error !== null) return 'failed';
  return rebuild.finished ? 'rebuilt' : `${percentOf(rebuild)} %`;
}

/**
 * Rebuild, after a confirmation in a modal `<dialog>` (focus stays inside, Escape cancels, focus
 * returns to the button), then the progress as the overview reports it.
 */
export function RebuildControl({ subscription, onRequested }: Readonly<{ subscription: Overview; onRequested: () => void }>) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { subscriptionId, rebuild } = subscription;
  // Set when this page saw the rebuild under way: it then says how long it took once it finishes.
  const [watched, setWatched] = useState<{ requestedAt: string; finishedAfterSeconds: number | null } | null>(null);
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/admin/subscriptions/{subscriptionId}/rebuilds', { params: { path: { subscriptionId } } })),
    (requested) => {
      setWatched({ requestedAt: requested.requestedAt, finishedAfterSeconds: null });
      onRequested();
    },
  );
  useEffect(() => {
    if (rebuild === null) return;
    if (!rebuild.finished && watched?.requestedAt !== rebuild.requestedAt) setWatched({ requestedAt: rebuild.requestedAt, finishedAfterSeconds: null });
    if (rebuild.finished && watched?.requestedAt === rebuild.requestedAt && watched.finishedAfterSeconds === null) {
      setWatched({ requestedAt: rebuild.requestedAt, finishedAfterSeconds: secondsSince(rebuild.requestedAt) });
    }
  }, [rebuild, watched]);

  const underWay = rebuild !== null && !rebuild.finished && rebuild.error === null;
  const confirm = () => {
    dialog.current?.close();
    void submit();
  };
  return (
    <div className="subscription-rebuild">
      <h3>Rebuild</h3>
      <p className="hint">
        Replays every event from the first, in the background. A read model is built beside the one readers see, which keeps serving and following new
        events, and takes its place at once when caught up; if the rebuild fails, the old one stays. Other subscriptions start over in place.
      </p>
      <button type="button" onClick={() => dialog.current?.showModal()} disabled={pending || underWay}>
        {pending ? 'Requesting…' : `Rebuild ${subscriptionId}…`}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="subscription-dialog">
        <h3 id={titleId}>Rebuild {subscriptionId}?</h3>
        <p>It handles every event in the log again into a new read model, which replaces the current one with its parked events once caught up. An automation sends its commands again.</p>
        <div className="subscription-dialog-buttons">
          <button type="button" onClick={confirm}>
            Rebuild
          </button>
          <button type="button" className="secondary-button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
      {failure === undefined ? null : <FailureNotice failure={failure} title="The rebuild could not be started." />}
      {rebuild === null ? null : <RebuildProgress rebuild={rebuild} finishedAfterSeconds={watched?.requestedAt === rebuild.requestedAt ? watched.finishedAfterSeconds : null} />}
    </div>
  );
}

function RebuildProgress({ rebuild, finishedAfterSeconds }: Readonly<{ rebuild: Rebuild; finishedAfterSeconds: number | null }>) {
  const labelId = useId();
  const percent = rebuild.finished ? 100 : percentOf(rebuild);
  if (rebuild.error !== null) {
    return (
      <div className="rebuild-progress">
        <p role="status">Rebuild failed; readers still see the read model from before it: {rebuild.error}</p>
      </div>
    );
  }
  const label = rebuild.finished
    ? finishedAfterSeconds === null
      ? `Rebuilt: ${rebuild.eventsToReplay} events replayed (requested ${formatTime(rebuild.requestedAt)}).`
      : `Rebuilt in ${finishedAfterSeconds} s: ${rebuild.eventsToReplay} events replayed.`
    : `Rebuilding: ${rebuild.done} of ${rebuild.eventsToReplay} events (${percent} %), ${secondsSince(rebuild.requestedAt)} s elapsed.`;
  return (
    <div className="rebuild-progress">
      <progress max={Math.max(1, rebuild.eventsToReplay)} value={rebuild.finished ? Math.max(1, rebuild.eventsToReplay) : rebuild.done} aria-labelledby={labelId} />
      {/* Busy while it runs: a screen reader announces the outcome, not every tick. */}
      <p id={labelId} role="status" aria-busy={!rebuild.finished}>
        {label}
      </p>
      <p className="hint">
        Requested by <code>{rebuild.requestedBy}</code> at <time dateTime={rebuild.requestedAt}>{formatTime(rebuild.requestedAt)}</time>.
      </p>
    </div>
  );
}
