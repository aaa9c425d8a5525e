import type { ApiFailure } from '../api/client';

/**
 * A failed request as a person can act on it: what went wrong, and the correlation id to quote
 * when reporting it (the server logged the request under that id).
 */
export function FailureNotice({ failure, title, summary }: Readonly<{ failure: ApiFailure; title?: string; summary?: string }>) {
  return (
    <div role="alert" className="failure">
      {title === undefined ? null : <p className="failure-title">{title}</p>}
      <p>{summary ?? failure.message}</p>
      {failure.correlationId === undefined ? null : (
        <p className="correlation">
          Reference for support: <code>{failure.correlationId}</code>
        </p>
      )}
    </div>
  );
}

/** The notice of a form whose failure the fields already show: only the summary and the reference. */
export function FormFailure({ failure, fieldsShowIt, title }: Readonly<{ failure: ApiFailure | undefined; fieldsShowIt: boolean; title: string }>) {
  if (failure === undefined) return null;
  return fieldsShowIt ? <FailureNotice failure={failure} summary="Check the fields marked above." /> : <FailureNotice failure={failure} title={title} />;
}

export function Loading({ what }: Readonly<{ what: string }>) {
  return (
    <p role="status" className="loading">
      Loading {what}…
    </p>
  );
}

/** A failed load with the way to try again; a 403 says the page is for administrators. */
export function Retry({ failure, what, retry }: Readonly<{ failure: ApiFailure; what: string; retry: () => void }>) {
  if (failure.status === 403) return <FailureNotice failure={failure} summary="This page is for administrators." />;
  return (
    <>
      <FailureNotice failure={failure} title={`We could not load ${what}.`} />
      <button type="button" onClick={retry}>
        Try again
      </button>
    </>
  );
}
