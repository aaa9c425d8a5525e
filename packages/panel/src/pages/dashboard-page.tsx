import { useEffect, useState } from 'react';
import { type ApiFailure, api, call, type Schemas } from '../api/client';
import { FailureNotice, Loading, Retry } from '../components/failure-notice';
import { Page } from '../components/page';
import { useLoad, useSubmit } from '../components/use-request';
import { type FeedMessage, type FeedStatus, openEventFeed } from '../feed/event-feed';
import type { User } from '../session/session';
import { ProfileForm } from './profile-form';

type Materials = Schemas['LearningMaterialsResponse'];

const FEED_STATUS_TEXT: Readonly<Record<FeedStatus, string>> = {
  connecting: 'Connecting for live updates…',
  live: 'Live: progress updates as you work.',
  reconnecting: 'Connection lost; reconnecting…',
  'signed-out': 'Your session has ended: sign in again for live updates.',
};

/** The participant's home: their course, learning materials, course progress live from the event feed, profile. */
export function DashboardPage({ user }: Readonly<{ user: User }>) {
  const live = useLiveUpdates();
  return (
    <Page title={`Hello, ${user.fullName}`}>
      <p role="status" className="feed-status">
        {FEED_STATUS_TEXT[live.status]}
      </p>
      <CourseSection />
      <LearningMaterialsSection generated={live.generatedMaterials} />
      <ProgressSection liveCompletedTasks={live.completedTasks} />
      <ProfileForm user={user} />
    </Page>
  );
}

type LiveUpdates = Readonly<{ status: FeedStatus; completedTasks: number | undefined; generatedMaterials: Materials | undefined }>;

/** What the feed has said since the page opened; the sections prefer it to what they loaded. */
function useLiveUpdates(): LiveUpdates {
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [completedTasks, setCompletedTasks] = useState<number | undefined>();
  const [generatedMaterials, setGeneratedMaterials] = useState<Materials | undefined>();
  useEffect(
    () =>
      openEventFeed({
        onStatus: setStatus,
        onMessage: (message: FeedMessage) => {
          if (message.type === 'TaskWasCompleted' || message.type === 'TaskWasUncompleted') setCompletedTasks(message.data.completedTasks as number);
          if (message.type === 'LearningMaterialsUrlWasGenerated') {
            setGeneratedMaterials({ id: message.data.learningMaterialsId as string, url: message.data.materialsUrl as string });
          }
        },
      }),
    [],
  );
  return { status, completedTasks, generatedMaterials };
}

const COURSE_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

function CourseSection() {
  const [loaded, reload] = useLoad(() => call(() => api.GET('/api/users/me/course')), []);
  const notEnrolled = loaded.state === 'failed' && loaded.failure.code === 'COURSE_ENROLMENT_NOT_FOUND';

  return (
    <section aria-labelledby="course-heading">
      <h2 id="course-heading">Your course</h2>
      {loaded.state === 'loaded' ? (
        <CourseDetails course={loaded.data} />
      ) : loaded.state === 'loading' ? (
        <Loading what="your course" />
      ) : notEnrolled ? (
        <p>You are not in a course yet: you will join the next course.</p>
      ) : (
        <Retry failure={loaded.failure} what="your course" retry={reload} />
      )}
    </section>
  );
}

function CourseDetails({ course }: Readonly<{ course: Schemas['ParticipantCourseResponse'] }>) {
  if (course.name === null || course.startsAt === null || course.endsAt === null) return <p>You are enrolled in a course whose details are not published yet.</p>;
  return (
    <p>
      You are enrolled in <strong className="course-name">{course.name}</strong>, from {COURSE_DATE.format(new Date(course.startsAt))} to{' '}
      {COURSE_DATE.format(new Date(course.endsAt))}.
    </p>
  );
}

function LearningMaterialsSection({ generated }: Readonly<{ generated: Materials | undefined }>) {
  const [loaded, reload] = useLoad(() => call(() => api.GET('/api/learning-materials')), []);
  const [created, setCreated] = useState<Materials | undefined>();
  const { submit, pending, failure } = useSubmit(() => call(() => api.POST('/api/learning-materials')), setCreated);
  const materials = created ?? generated ?? (loaded.state === 'loaded' ? loaded.data : undefined);
  const notYet = loaded.state === 'failed' && loaded.failure.code === 'LEARNING_MATERIALS_NOT_FOUND';

  return (
    <section aria-labelledby="materials-heading">
      <h2 id="materials-heading">Learning materials</h2>
      {materials !== undefined ? (
        <p>
          Your materials are ready: <a href={materials.url}>open your learning materials</a>. Check off tasks there; your progress shows here.
        </p>
      ) : loaded.state === 'loading' ? (
        <Loading what="your learning materials" />
      ) : notYet ? (
        <>
          <p>Your personal copy of the course materials is made for you on request.</p>
          <button type="button" onClick={() => void submit()} disabled={pending}>
            {pending ? 'Generating…' : 'Generate my learning materials'}
          </button>
          {failure === undefined ? null : <MaterialsFailure failure={failure} />}
        </>
      ) : loaded.state === 'failed' ? (
        <Retry failure={loaded.failure} what="your learning materials" retry={reload} />
      ) : null}
    </section>
  );
}

function MaterialsFailure({ failure }: Readonly<{ failure: ApiFailure }>) {
  if (failure.code === 'NOT_A_REGISTERED_COURSE_USER') return <FailureNotice failure={failure} summary="You are not in a course yet: you will join the next course, and your materials can be made then." />;
  return <FailureNotice failure={failure} title="Your learning materials could not be made." />;
}

function ProgressSection({ liveCompletedTasks }: Readonly<{ liveCompletedTasks: number | undefined }>) {
  const [loaded, reload] = useLoad(() => call(() => api.GET('/api/course-progress')), []);
  const noProgressYet = loaded.state === 'failed' && loaded.failure.code === 'COURSE_PROGRESS_NOT_FOUND';
  const completedTasks = liveCompletedTasks ?? (loaded.state === 'loaded' ? loaded.data.learningMaterials.completedTasks : noProgressYet ? 0 : undefined);

  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">Course progress</h2>
      {completedTasks !== undefined ? (
        <p className="progress" aria-live="polite">
          <span className="progress-count">{completedTasks}</span> {completedTasks === 1 ? 'task' : 'tasks'} completed
        </p>
      ) : loaded.state === 'failed' ? (
        <Retry failure={loaded.failure} what="your progress" retry={reload} />
      ) : (
        <Loading what="your progress" />
      )}
    </section>
  );
}

