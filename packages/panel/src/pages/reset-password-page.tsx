import { type FormEvent, useState } from 'react';
import { api, call } from '../api/client';
import { Field } from '../components/field';
import { FormFailure } from '../components/failure-notice';
import { Page } from '../components/page';
import { useSubmit } from '../components/use-request';
import { collectProblems, type FieldErrors, fieldErrorsOf, hasProblems, LIMITS, passwordProblem, repeatedPasswordProblem } from '../forms/validation';
import { Link, navigate, useLocation } from '../router';

type ResetField = 'newPassword' | 'repeatPassword';

/** A reset link that cannot be used any more: the way forward is a new one. */
const UNUSABLE_LINK = new Set(['PASSWORD_RESET_TOKEN_USED', 'PASSWORD_RESET_TOKEN_UNKNOWN', 'PASSWORD_RESET_TOKEN_SUPERSEDED', 'PASSWORD_RESET_TOKEN_EXPIRED']);

/** `/reset-password?token=…`, the link of the password reset mail. */
export function ResetPasswordPage() {
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [newPassword, setNewPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<ResetField>>({});
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/auth/password-reset/confirmation', { body: { token, newPassword } })),
    () => navigate('/sign-in?reset=1', { replace: true }),
  );
  const apiErrors = failure === undefined ? {} : fieldErrorsOf(failure, ['newPassword']);
  const shown = { ...apiErrors, ...errors };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = collectProblems({ newPassword: passwordProblem(newPassword), repeatPassword: repeatedPasswordProblem(newPassword, repeatPassword) });
    setErrors(problems);
    if (!hasProblems(problems)) void submit();
  };

  return (
    <Page title="Choose a new password">
      <form onSubmit={onSubmit} noValidate>
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`${LIMITS.password.min} to ${LIMITS.password.max} characters, hard to guess.`}
          value={newPassword}
          onChange={setNewPassword}
          maxLength={LIMITS.password.max}
          error={shown.newPassword}
          required
        />
        <Field label="New password, again" type="password" autoComplete="new-password" value={repeatPassword} onChange={setRepeatPassword} maxLength={LIMITS.password.max} error={shown.repeatPassword} required />
        <FormFailure failure={failure} fieldsShowIt={hasProblems(apiErrors)} title="Your password was not changed." />
        {failure !== undefined && UNUSABLE_LINK.has(failure.code) ? (
          <p>
            <Link to="/forgot-password">Mail me a new link</Link>
          </p>
        ) : null}
        <button type="submit" disabled={pending || token === ''}>
          {pending ? 'Changing…' : 'Change my password'}
        </button>
        {token === '' ? <p role="alert">This link has no reset code. Open the link from the mail again.</p> : null}
      </form>
    </Page>
  );
}
