import { Page } from '../components/page';

export function SubscriptionsPage() {
  return (
    <Page title="Subscriptions">
      <p>Not built yet.</p>
    </Page>
  );
}
