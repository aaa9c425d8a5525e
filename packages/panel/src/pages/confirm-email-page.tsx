import { type FormEvent } from 'react';
import { api, call } from '../api/client';
import { FailureNotice } from '../components/failure-notice';
import { Page } from '../components/page';
import { useSubmit } from '../components/use-request';
import { Link, navigate, useLocation } from '../router';

/** What a link that cannot confirm any more means for the person holding it. */
const UNUSABLE_LINK: Readonly<Record<string, string>> = {
  EMAIL_CONFIRMATION_ALREADY_APPROVED: 'This address is confirmed already. You can sign in.',
  EMAIL_CONFIRMATION_TOKEN_OBSOLETE: 'This link is out of date: a newer one was sent since. Use the newest mail, or have a new link sent.',
  EMAIL_CONFIRMATION_TOKEN_UNKNOWN: 'This link is not valid. Copy the whole link from the mail, or have a new link sent.',
};

/**
 * `/confirm-email?token=…`, the link of the confirmation mail. It confirms on a click, not on
 * opening: mail scanners open links to inspect them, and must not use the token up.
 */
export function ConfirmEmailPage() {
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/email-confirmation/approval', { body: { confirmationToken: token } })),
    () => navigate('/sign-in?confirmed=1', { replace: true }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  const unusable = failure === undefined ? undefined : UNUSABLE_LINK[failure.code];

  if (token === '') {
    return (
      <Page title="Confirm your email address">
        <p role="alert">This link has no confirmation code. Open the link from the mail again, or have a new link sent.</p>
        <p>
          <Link to="/check-mail">Send me a new link</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title="Confirm your email address">
      <p>Confirm the address you signed up with to finish signing up.</p>
      {failure === undefined ? (
        <form onSubmit={onSubmit}>
          <button type="submit" disabled={pending}>
            {pending ? 'Confirming…' : 'Confirm my email address'}
          </button>
        </form>
      ) : (
        <>
          <FailureNotice failure={failure} summary={unusable} title={unusable === undefined ? 'Your address could not be confirmed.' : undefined} />
          <p>
            {failure.code === 'EMAIL_CONFIRMATION_ALREADY_APPROVED' ? <Link to="/sign-in">Sign in</Link> : <Link to="/check-mail">Send me a new link</Link>}
          </p>
        </>
      )}
    </Page>
  );
}
