import { lazy, type ReactNode, Suspense, useState } from 'react';
import type { ApiFailure } from './api/client';
import { FailureNotice, Loading } from './components/failure-notice';
import { Page } from './components/page';
import { AdminCoursesPage } from './pages/admin-courses-page';
import { AdminParticipantsPage } from './pages/admin-participants-page';
import { CheckMailPage } from './pages/check-mail-page';
import { ConfirmEmailPage } from './pages/confirm-email-page';
import { DashboardPage } from './pages/dashboard-page';
import { ForgotPasswordPage } from './pages/forgot-password-page';
import { LocalLearningMaterialsPage } from './pages/local-learning-materials-page';
import { ResetPasswordPage } from './pages/reset-password-page';
import { SignInPage } from './pages/sign-in-page';
import { SignUpPage } from './pages/sign-up-page';
import { Link, navigate, useLocation } from './router';
import { type User, useSession } from './session/session';

/** Pages anyone may open; the links in mails lead to some of them. */
const PUBLIC_PAGES: Readonly<Record<string, () => ReactNode>> = {
  '/sign-up': () => <SignUpPage />,
  '/check-mail': () => <CheckMailPage />,
  '/confirm-email': () => <ConfirmEmailPage />,
  '/sign-in': () => <SignInPage />,
  '/forgot-password': () => <ForgotPasswordPage />,
  '/reset-password': () => <ResetPasswordPage />,
};

const SIGNED_IN_PAGES: Readonly<Record<string, (user: User) => ReactNode>> = {
  '/': (user) => <DashboardPage user={user} />,
  '/dashboard': (user) => <DashboardPage user={user} />,
  '/admin/courses': () => <AdminCoursesPage />,
  '/admin/participants': () => <AdminParticipantsPage />,
};

const LOCAL_LEARNING_MATERIALS = /^\/learning-materials\/([^/]+)$/;

/** The developer console, for administrators: its own chunk, fetched when first opened. */
const Console = lazy(() => import('./console/console'));
const CONSOLE_PATH = /^\/console(\/(model|causation|streams|subscriptions))?$/;

export function App() {
  const { path } = useLocation();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <main id="main">
        <Route path={path} />
      </main>
    </>
  );
}

function Route({ path }: Readonly<{ path: string }>) {
  const { session, refresh } = useSession();
  const publicPage = PUBLIC_PAGES[path];
  if (publicPage !== undefined) return publicPage();
  const materialsId = LOCAL_LEARNING_MATERIALS.exec(path)?.[1];
  if (materialsId !== undefined) return <LocalLearningMaterialsPage id={materialsId} />;
  const signedInPage = CONSOLE_PATH.test(path) ? consolePage(path) : SIGNED_IN_PAGES[path];
  if (signedInPage === undefined) return <NotFoundPage />;
  switch (session.state) {
    case 'loading':
      return <Loading what="your account" />;
    case 'unavailable':
      return <Unavailable failure={session.failure} retry={refresh} />;
    case 'signed-out':
      return path === '/' ? <SignInPage /> : <SignInFirst />;
    case 'signed-in':
      return signedInPage(session.user);
  }
}

function consolePage(path: string): (user: User) => ReactNode {
  return (user) =>
    user.role === 'admin' ? (
      <Suspense fallback={<Loading what="the console" />}>
        <Console path={path} />
      </Suspense>
    ) : (
      <AdminsOnly />
    );
}

function Header() {
  const { session, signOut } = useSession();
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const onSignOut = async () => {
    const failed = await signOut();
    setFailure(failed);
    if (failed === undefined) navigate('/sign-in', { replace: true });
  };
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        CodersCamp
      </Link>
      <nav aria-label="Main">
        {session.state === 'signed-in' ? (
          <ul>
            <li>
              <Link to="/dashboard">Dashboard</Link>
            </li>
            {session.user.role === 'admin' ? (
              <>
                <li>
                  <Link to="/admin/courses">Courses</Link>
                </li>
                <li>
                  <Link to="/admin/participants">Participants</Link>
                </li>
                <li>
                  <Link to="/console">Console</Link>
                </li>
              </>
            ) : null}
            <li>
              <button type="button" className="link-button" onClick={() => void onSignOut()}>
                Sign out
              </button>
            </li>
          </ul>
        ) : (
          <ul>
            <li>
              <Link to="/sign-in">Sign in</Link>
            </li>
            <li>
              <Link to="/sign-up">Sign up</Link>
            </li>
          </ul>
        )}
      </nav>
      {failure === undefined ? null : <FailureNotice failure={failure} title="You could not be signed out." />}
    </header>
  );
}

function SignInFirst() {
  return (
    <Page title="Sign in first">
      <p>
        This page is for signed-in participants. <Link to="/sign-in">Sign in</Link> or <Link to="/sign-up">sign up</Link>.
      </p>
    </Page>
  );
}

function Unavailable({ failure, retry }: Readonly<{ failure: ApiFailure; retry: () => Promise<void> }>) {
  return (
    <Page title="CodersCamp is unavailable">
      <FailureNotice failure={failure} title="We cannot reach CodersCamp right now." />
      <button type="button" onClick={() => void retry()}>
        Try again
      </button>
    </Page>
  );
}

function AdminsOnly() {
  return (
    <Page title="For administrators">
      <p>
        The developer console is for administrators. <Link to="/">Go to the start page</Link>.
      </p>
    </Page>
  );
}

function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is no page here. <Link to="/">Go to the start page</Link>.
      </p>
    </Page>
  );
}
