import { Page } from '../components/page';

export function StreamsPage() {
  return (
    <Page title="Streams">
      <p>Not built yet.</p>
    </Page>
  );
}
