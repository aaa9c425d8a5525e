import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * `emailAddress` is the address to confirm. It travels in the event so the automation that mails
 * the token needs no lookup: at this point the user has no profile yet (profiles follow completed
 * registrations), and the address a token was sent to must be the one it confirms.
 * `confirmationFor` names what the confirmation unlocks, e.g. `user-registration`.
 */
export type EmailConfirmationWasRequested = DomainEvent<
  'EmailConfirmationWasRequested',
  { userId: string; confirmationToken: string; confirmationFor: string; emailAddress: string }
>;
