import { type FormEvent, useState } from 'react';
import { api, call } from '../api/client';
import { Field } from '../components/field';
import { FormFailure } from '../components/failure-notice';
import { Page } from '../components/page';
import { useSubmit } from '../components/use-request';
import { collectProblems, emailProblem, type FieldErrors, fieldErrorsOf, fullNameProblem, hasProblems, LIMITS, passwordProblem } from '../forms/validation';
import { Link, navigate } from '../router';

type SignUpField = 'fullName' | 'email' | 'password';
const FIELDS: readonly SignUpField[] = ['fullName', 'email', 'password'];

export function SignUpPage() {
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<SignUpField>>({});
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/user-registration', { body: { fullName, email, password } })),
    () => navigate(`/check-mail?email=${encodeURIComponent(email.trim())}`),
  );
  const apiErrors = failure === undefined ? {} : fieldErrorsOf(failure, FIELDS, { EMAIL_ALREADY_REGISTERED: 'email' });
  const shown = { ...apiErrors, ...errors };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = collectProblems({ fullName: fullNameProblem(fullName), email: emailProblem(email), password: passwordProblem(password) });
    setErrors(problems);
    if (!hasProblems(problems)) void submit();
  };

  return (
    <Page title="Sign up">
      <p>Create your CodersCamp account. We will send you a link to confirm your email address.</p>
      <form onSubmit={onSubmit} noValidate>
        <Field label="Full name" autoComplete="name" value={fullName} onChange={setFullName} maxLength={LIMITS.fullName.max} error={shown.fullName} required />
        <Field label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} maxLength={LIMITS.email.max} error={shown.email} required />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`${LIMITS.password.min} to ${LIMITS.password.max} characters, hard to guess: a few uncommon words work well.`}
          value={password}
          onChange={setPassword}
          maxLength={LIMITS.password.max}
          error={shown.password}
          required
        />
        <FormFailure failure={failure} fieldsShowIt={hasProblems(apiErrors)} title="You could not be signed up." />
        <button type="submit" disabled={pending}>
          {pending ? 'Signing up…' : 'Sign up'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </Page>
  );
}
