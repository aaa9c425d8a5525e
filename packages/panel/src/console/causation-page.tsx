import { Page } from '../components/page';

export function CausationPage() {
  return (
    <Page title="Causation">
      <p>Not built yet.</p>
    </Page>
  );
}
