import { type FormEvent, useState } from 'react';
import { api, call } from '../api/client';
import { Field } from '../components/field';
import { FormFailure } from '../components/failure-notice';
import { useSubmit } from '../components/use-request';
import { collectProblems, type FieldErrors, fieldErrorsOf, fullNameProblem, hasProblems, imageUrlProblem, LIMITS } from '../forms/validation';
import { type User, useSession } from '../session/session';

type ProfileField = 'fullName' | 'image';

/** Name and avatar; only what changed is sent, as the API's PATCH expects. */
export function ProfileForm({ user }: Readonly<{ user: User }>) {
  const { refresh } = useSession();
  const [fullName, setFullName] = useState(user.fullName);
  const [image, setImage] = useState(user.image ?? '');
  const [errors, setErrors] = useState<FieldErrors<ProfileField>>({});
  const [saved, setSaved] = useState(false);
  const changes = {
    ...(fullName.trim() === user.fullName ? {} : { fullName: fullName.trim() }),
    ...(image.trim() === (user.image ?? '') ? {} : { image: image.trim() }),
  };
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.PATCH('/api/users/me', { body: changes })),
    () => {
      setSaved(true);
      void refresh();
    },
  );
  const apiErrors = failure === undefined ? {} : fieldErrorsOf(failure, ['fullName', 'image'] as const);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const problems = collectProblems({ fullName: fullNameProblem(fullName), image: imageUrlProblem(image.trim()) });
    setErrors(problems);
    if (!hasProblems(problems) && Object.keys(changes).length > 0) void submit();
  };

  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your profile</h2>
      <div className="profile">
        {user.image === null ? null : <img src={user.image} alt="" width={64} height={64} className="avatar" />}
        <p>
          Signed in as <strong>{user.email}</strong>
        </p>
      </div>
      <form onSubmit={onSubmit} noValidate>
        <Field label="Full name" autoComplete="name" value={fullName} onChange={setFullName} maxLength={LIMITS.fullName.max} error={errors.fullName ?? apiErrors.fullName} required />
        <Field label="Image address (https)" type="url" autoComplete="photo" value={image} onChange={setImage} error={errors.image ?? apiErrors.image} />
        <FormFailure failure={failure} fieldsShowIt={hasProblems(apiErrors)} title="Your profile was not saved." />
        {saved ? (
          <p role="status" className="success">
            Saved.
          </p>
        ) : null}
        <button type="submit" disabled={pending || Object.keys(changes).length === 0}>
          {pending ? 'Saving…' : 'Save profile'}
        </button>
      </form>
    </section>
  );
}
