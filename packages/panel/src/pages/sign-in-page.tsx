import { type FormEvent, useState } from 'react';
import { api, call } from '../api/client';
import { Field } from '../components/field';
import { FailureNotice, FormFailure } from '../components/failure-notice';
import { Page } from '../components/page';
import { useSubmit } from '../components/use-request';
import { collectProblems, emailProblem, type FieldErrors, hasProblems, LIMITS } from '../forms/validation';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session/session';

type SignInField = 'email' | 'password';

export function SignInPage() {
  const { query } = useLocation();
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<SignInField>>({});
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/auth/login', { body: { email: email.trim(), password } })),
    () => void refresh().then(() => navigate('/dashboard', { replace: true })),
  );

  // The confirmation answers once sign-in reads it, unless that read model fell more than 10 s behind.
  const confirmationNotYetRecorded = failure?.code === 'EMAIL_NOT_CONFIRMED' && query.get('confirmed') !== null ? failure : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = collectProblems({ email: emailProblem(email), password: password === '' ? 'Enter your password.' : undefined });
    setErrors(problems);
    if (!hasProblems(problems)) void submit();
  };

  return (
    <Page title="Sign in">
      {query.get('confirmed') === null ? null : (
        <p role="status" className="success">
          Your email address is confirmed. Sign in to start.
        </p>
      )}
      {query.get('reset') === null ? null : (
        <p role="status" className="success">
          Your password has been changed. Sign in with the new one.
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} maxLength={LIMITS.email.max} error={errors.email} required />
        <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} maxLength={LIMITS.password.max} error={errors.password} required />
        {confirmationNotYetRecorded !== undefined ? (
          <FailureNotice failure={confirmationNotYetRecorded} summary="Your confirmation is still being recorded. Sign in again in a moment." />
        ) : (
          <FormFailure failure={failure} fieldsShowIt={false} title="You could not be signed in." />
        )}
        {failure?.code === 'EMAIL_NOT_CONFIRMED' && confirmationNotYetRecorded === undefined ? (
          <p>
            <Link to={`/check-mail?email=${encodeURIComponent(email.trim())}`}>Send me a new confirmation link</Link>
          </p>
        ) : null}
        <button type="submit" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to="/sign-up">Sign up</Link>
      </p>
    </Page>
  );
}
