import { Page } from '../components/page';

export function ModelPage() {
  return (
    <Page title="Event Model">
      <p>Not built yet.</p>
    </Page>
  );
}
