import type { DomainEvent } from '@coderscamp/event-sourcing';

/** Names the confirmed address, so read models know which address is proven, not only that one is. */
export type EmailConfirmationWasApproved = DomainEvent<
  'EmailConfirmationWasApproved',
  { userId: string; confirmationToken: string; confirmationFor: string; emailAddress: string }
>;
