import { Page } from '../components/page';
import { Link } from '../router';

/**
 * Where learning materials point when no process.st workflow is configured (development, tests):
 * the API hands out links to this page instead of a process.st run.
 */
export function LocalLearningMaterialsPage({ id }: Readonly<{ id: string }>) {
  return (
    <Page title="Learning materials">
      <p>
        These are stand-in learning materials (<code>{id}</code>): this CodersCamp has no process.st workflow configured, so there is no checklist to work
        through. With one configured, this link opens your process.st run.
      </p>
      <p>
        <Link to="/dashboard">Back to your dashboard</Link>
      </p>
    </Page>
  );
}
