import { Fragment, type ReactNode, useCallback, useEffect, useId, useState } from 'react';
import { api, call, type ApiFailure, type Schemas } from '../api/client';
import { FailureNotice, Loading } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad, type Loaded } from '../components/use-request';
import { Link, useLocation } from '../router';
import { RecentActions } from './subscriptions-actions';
import { ParkedEvents } from './subscriptions-parked';
import { RebuildControl, rebuildSummary } from './subscriptions-rebuild';
import { formatTime } from './subscriptions-time';
import './subscriptions.css';

type Overview = Schemas['SubscriptionOverviewResponse'];
type Kind = 'read model' | 'automation' | 'other';

/**
 * While a rebuild runs the overview is polled about twice a second: an administrator watches one
 * page, the request is a handful of small queries, and it stops as soon as no rebuild is under way.
 * The WebSocket feed carries participants' own events, not the subscriptions' progress.
 */
const PROGRESS_POLL_MS = 500;

/** Every durable subscription with its state and lag; `?subscription=<id>` opens its parked events and its rebuild. */
export function SubscriptionsPage() {
  const { query } = useLocation();
  const selectedId = query.get('subscription');
  const { overview, refresh } = useOverview();
  const [model] = useLoad(() => call(() => api.GET('/api/admin/event-model')), []);
  const [actionsVersion, setActionsVersion] = useState(0);
  const changed = useCallback(() => {
    refresh();
    setActionsVersion((version) => version + 1);
  }, [refresh]);

  const kinds = kindsFrom(model);
  const selected = overview.state === 'loaded' ? overview.data.find((subscription) => subscription.subscriptionId === selectedId) : undefined;
  return (
    <Page title="Subscriptions">
      {overview.state === 'loading' ? (
        <Loading what="subscriptions" />
      ) : overview.state === 'failed' ? (
        <OverviewFailure failure={overview.failure} retry={refresh} />
      ) : (
        <>
          <SubscriptionsTable subscriptions={overview.data} kinds={kinds} selectedId={selectedId} />
          {selectedId === null ? (
            <p className="hint">Choose a subscription to see its parked events and to rebuild it.</p>
          ) : selected === undefined ? (
            <p role="alert">No subscription “{selectedId}” is defined.</p>
          ) : (
            <section aria-labelledby="selected-subscription" className="subscription-detail">
              <h2 id="selected-subscription">{selected.subscriptionId}</h2>
              <RebuildControl key={`rebuild-${selected.subscriptionId}`} subscription={selected} onRequested={changed} />
              <ParkedEvents key={`parked-${selected.subscriptionId}`} subscriptionId={selected.subscriptionId} parkedCount={selected.parkedEvents} onChanged={changed} />
            </section>
          )}
        </>
      )}
      <RecentActions version={actionsVersion} />
    </Page>
  );
}

/** The overview, refreshed in place (no flash of "Loading") and polled while a rebuild is under way. */
function useOverview(): Readonly<{ overview: Loaded<Overview[]>; refresh: () => void }> {
  const [overview, setOverview] = useState<Loaded<Overview[]>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((value) => value + 1), []);
  useEffect(() => {
    let current = true;
    void call(() => api.GET('/api/admin/subscriptions')).then((result) => {
      if (!current) return;
      setOverview((before) => (result.ok ? { state: 'loaded', data: result.data } : before.state === 'loaded' ? before : { state: 'failed', failure: result.failure }));
    });
    return () => {
      current = false;
    };
  }, [generation]);
  const rebuilding = overview.state === 'loaded' && overview.data.some((subscription) => subscription.rebuild !== null && !subscription.rebuild.finished);
  useEffect(() => {
    if (!rebuilding) return;
    const timer = setTimeout(refresh, PROGRESS_POLL_MS);
    return () => clearTimeout(timer);
  }, [rebuilding, overview, refresh]);
  return { overview, refresh };
}

function OverviewFailure({ failure, retry }: Readonly<{ failure: ApiFailure; retry: () => void }>) {
  if (failure.status === 403) return <FailureNotice failure={failure} summary="This page is for administrators." />;
  return (
    <>
      <FailureNotice failure={failure} title="We could not load the subscriptions." />
      <button type="button" onClick={retry}>
        Try again
      </button>
    </>
  );
}

/** The Event Model says which subscriptions are read models and which automations; without it, the kind is left out. */
function kindsFrom(model: Loaded<Schemas['EventModelResponse']>): ReadonlyMap<string, Kind> {
  if (model.state !== 'loaded') return new Map();
  return new Map<string, Kind>([
    ...model.data.readModels.map((readModel): [string, Kind] => [readModel.id, 'read model']),
    ...model.data.automations.map((automation): [string, Kind] => [automation.id, 'automation']),
  ]);
}

function SubscriptionsTable({ subscriptions, kinds, selectedId }: Readonly<{ subscriptions: Overview[]; kinds: ReadonlyMap<string, Kind>; selectedId: string | null }>) {
  const summaryId = useId();
  const failing = subscriptions.filter((subscription) => subscription.state === 'failed' || subscription.parkedEvents > 0).length;
  return (
    <>
      <p id={summaryId} className="table-summary">
        {subscriptions.length} subscriptions{failing > 0 ? `, ${failing} failed or with parked events` : ''}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={summaryId} tabIndex={0}>
        <table aria-labelledby={summaryId} className="subscriptions-table">
          <thead>
            <tr>
              <th scope="col">Subscription</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col" className="count">Position</th>
              <th scope="col" className="count">Lag (events)</th>
              <th scope="col" className="count">Lag (s)</th>
              <th scope="col" className="count">Handler failures</th>
              <th scope="col">Last error</th>
              <th scope="col" className="count">Parked</th>
              <th scope="col">Rebuild</th>
            </tr>
          </thead>
          <tbody>
            {subscriptions.map((subscription) => (
              <tr key={subscription.subscriptionId} aria-current={subscription.subscriptionId === selectedId ? 'true' : undefined}>
                <th scope="row">
                  <Link to={`/console/subscriptions?${new URLSearchParams({ subscription: subscription.subscriptionId })}`}>{breakable(subscription.subscriptionId)}</Link>
                </th>
                <td>{kinds.get(subscription.subscriptionId) ?? '—'}</td>
                <td>
                  <span className={`subscription-state subscription-state-${subscription.state}`}>{subscription.state}</span>
                </td>
                <td className="count">{subscription.position ?? '—'}</td>
                <td className="count">{subscription.lagEvents}</td>
                <td className="count">{subscription.lagSeconds.toFixed(1)}</td>
                <td className="count">{subscription.handlerFailures}</td>
                <td>
                  <LastError failure={subscription.lastError} />
                </td>
                <td className="count">{subscription.parkedEvents}</td>
                <td>{rebuildSummary(subscription.rebuild)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** An automation's id is a sentence without spaces: it may wrap before "Then" and the version, and nowhere else. */
function breakable(subscriptionId: string): ReactNode {
  return subscriptionId.split(/(?=Then|_v\d+$)/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

function LastError({ failure }: Readonly<{ failure: Overview['lastError'] }>) {
  if (failure === null) return <>—</>;
  return (
    <span className="subscription-error">
      {failure.message}
      <span className="hint">
        {' '}
        {failure.eventType} at {failure.globalPosition}, {failure.attempts} {failure.attempts === 1 ? 'attempt' : 'attempts'}, <time dateTime={failure.failedAt}>{formatTime(failure.failedAt)}</time>
      </span>
    </span>
  );
}
