import { type FormEvent, useEffect, useState } from 'react';
import { type ApiFailure, api, call } from '../api/client';
import { Field } from '../components/field';
import { FailureNotice } from '../components/failure-notice';
import { Page } from '../components/page';
import { useSubmit } from '../components/use-request';
import { emailProblem, LIMITS } from '../forms/validation';
import { Link, useLocation } from '../router';

/** After signing up, or from a used confirmation link: where the mail went, and a new one on request. */
export function CheckMailPage() {
  const { query } = useLocation();
  const [email, setEmail] = useState(query.get('email') ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const [sentTo, setSentTo] = useState<string | undefined>();
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/email-confirmation/resend', { body: { email: email.trim() } })),
    () => setSentTo(email.trim()),
  );
  const waitSeconds = useCountdown(failure?.status === 429 ? failure : undefined);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = emailProblem(email);
    setProblem(found);
    setSentTo(undefined);
    if (found === undefined) void submit();
  };

  return (
    <Page title="Check your mail">
      <p>
        {query.get('email') === null ? 'We sent a link to your email address.' : <>We sent a link to <strong>{query.get('email')}</strong>.</>} Open it to confirm
        your address, then sign in.
      </p>
      <h2>No mail?</h2>
      <p>Look in your spam folder, or have a new link sent. A new link replaces the old one.</p>
      <form onSubmit={onSubmit} noValidate>
        <Field label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} maxLength={LIMITS.email.max} error={problem} required />
        {sentTo === undefined ? null : (
          <p role="status" className="success">
            A new link is on its way to {sentTo}.
          </p>
        )}
        {failure === undefined ? null : failure.status === 429 ? (
          <FailureNotice
            failure={failure}
            summary={waitSeconds > 0 ? `Too many links asked for. You can ask again in ${waitSeconds} s.` : 'You can ask for a new link again now.'}
          />
        ) : (
          <FailureNotice failure={failure} title="No new link was sent." />
        )}
        <button type="submit" disabled={pending || waitSeconds > 0}>
          {pending ? 'Sending…' : 'Send a new link'}
        </button>
      </form>
      <p>
        Confirmed already? <Link to="/sign-in">Sign in</Link>
      </p>
    </Page>
  );
}

/** Seconds left of the wait a 429 asked for (Retry-After), counting down once a second; each refusal starts over. */
function useCountdown(refusal: ApiFailure | undefined): number {
  const seconds = refusal?.retryAfterSeconds;
  const [left, setLeft] = useState(seconds ?? 0);
  useEffect(() => {
    setLeft(seconds ?? 0);
    if (seconds === undefined) return;
    const startedAt = Date.now();
    const timer = window.setInterval(() => {
      const remaining = Math.max(0, Math.ceil(seconds - (Date.now() - startedAt) / 1000));
      setLeft(remaining);
      if (remaining === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [refusal, seconds]);
  return left;
}
