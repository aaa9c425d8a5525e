import { type FormEvent, useState } from 'react';
import { api, call, type Schemas } from '../api/client';
import { Field } from '../components/field';
import { FormFailure, Loading, Retry } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad, useSubmit } from '../components/use-request';
import { collectProblems, courseDatesProblem, type FieldErrors, fieldErrorsOf, hasProblems, LIMITS } from '../forms/validation';

type CourseField = 'name' | 'startsAt' | 'endsAt';
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A date input's day as the API's date-time: the course starts and ends at midnight UTC. */
const dayToDateTime = (day: string) => `${day}T00:00:00Z`;

type Course = Schemas['CourseResponse'];

export function AdminCoursesPage() {
  const [courses, reload] = useLoad(() => call(() => api.GET('/api/courses')), []);
  // The list is a read model that follows a creation in the background: a course just created
  // is shown from the creation's own answer rather than missing until the next load.
  const [createdHere, setCreatedHere] = useState<readonly Course[]>([]);
  return (
    <Page title="Courses">
      {courses.state === 'loading' ? (
        <Loading what="courses" />
      ) : courses.state === 'failed' ? (
        <Retry failure={courses.failure} what="the courses" retry={reload} />
      ) : courses.data.length + createdHere.length === 0 ? (
        <p>No course yet: create the first one below.</p>
      ) : (
        <table>
          <caption>Every course, newest first; new participants join the current one</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts</th>
              <th scope="col">Ends</th>
            </tr>
          </thead>
          <tbody>
            {withCreated(courses.data, createdHere)
              .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
              .map((course) => (
                <tr key={course.id}>
                  <td>
                    {course.name}
                    {course.current ? <span className="badge">current</span> : null}
                  </td>
                  <td>{DATE.format(new Date(course.startsAt))}</td>
                  <td>{DATE.format(new Date(course.endsAt))}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {/* Whether a course just created is the current one, the API tells on the next load. */}
      <CreateCourseForm onCreated={(course) => setCreatedHere((created) => [...created, { ...course, current: false }])} />
    </Page>
  );
}

function withCreated(loaded: readonly Course[], created: readonly Course[]): Course[] {
  const loadedIds = new Set(loaded.map((course) => course.id));
  return [...loaded, ...created.filter((course) => !loadedIds.has(course.id))];
}

function CreateCourseForm({ onCreated }: Readonly<{ onCreated: (course: Schemas['CreatedCourseResponse']) => void }>) {
  const [name, setName] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [errors, setErrors] = useState<FieldErrors<CourseField>>({});
  const [created, setCreated] = useState<string | undefined>();
  const { submit, pending, failure } = useSubmit(
    () => call(() => api.POST('/api/courses', { body: { name: name.trim(), startsAt: dayToDateTime(startsAt), endsAt: dayToDateTime(endsAt) } })),
    (course) => {
      setCreated(course.name);
      setName('');
      setStartsAt('');
      setEndsAt('');
      onCreated(course);
    },
  );
  const apiErrors = failure === undefined ? {} : fieldErrorsOf(failure, ['name', 'startsAt', 'endsAt'] as const, { COURSE_ENDS_BEFORE_IT_STARTS: 'endsAt' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    const problems = { ...collectProblems({ name: name.trim() === '' ? 'Name the course.' : undefined }), ...courseDatesProblem(startsAt, endsAt) };
    setErrors(problems);
    if (!hasProblems(problems)) void submit();
  };

  return (
    <section aria-labelledby="create-course-heading">
      <h2 id="create-course-heading">Create a course</h2>
      <form onSubmit={onSubmit} noValidate>
        <Field label="Name" value={name} onChange={setName} maxLength={LIMITS.courseName.max} error={errors.name ?? apiErrors.name} required />
        <Field label="First day" type="date" value={startsAt} onChange={setStartsAt} error={errors.startsAt ?? apiErrors.startsAt} required />
        <Field label="Last day" type="date" value={endsAt} onChange={setEndsAt} error={errors.endsAt ?? apiErrors.endsAt} required />
        <FormFailure failure={failure} fieldsShowIt={hasProblems(apiErrors)} title="The course was not created." />
        {created === undefined ? null : (
          <p role="status" className="success">
            {created} is created.
          </p>
        )}
        <button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create course'}
        </button>
      </form>
    </section>
  );
}
