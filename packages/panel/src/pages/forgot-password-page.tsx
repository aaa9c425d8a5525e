import { type FormEvent, useState } from 'react';
import { api, call } from '../api/client';
import { Field } from '../components/field';
import { FormFailure } from '../components/failure-notice';
import { Page } from '../components/page';
import { useSubmit } from '../components/use-request';
import { emailProblem, LIMITS } from '../forms/validation';
import { Link } from '../router';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/auth/password-reset', { body: { email: email.trim() } })),
    () => setSent(true),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = emailProblem(email);
    setProblem(found);
    if (found === undefined) void submit();
  };

  return (
    <Page title="Forgot your password?">
      {sent ? (
        // The API answers alike for every address: whether one has an account is nobody's business.
        <p role="status" className="success">
          If {email.trim()} has an account, a link to choose a new password is on its way. It works once, for a short while.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p>We will mail you a link to choose a new password.</p>
          <Field label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} maxLength={LIMITS.email.max} error={problem} required />
          <FormFailure failure={failure} fieldsShowIt={false} title="No link was sent." />
          <button type="submit" disabled={pending}>
            {pending ? 'Sending…' : 'Mail me a link'}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </Page>
  );
}
