import type { DomainEvent } from '@coderscamp/event-sourcing';

/**
 * A user asked for a link to set a new password. The link's secret is a credential, so only its
 * hash (`secretHash`) is kept; the mail automation derives the secret itself from `resetId` and
 * the server's key (see `password-reset-token.ts`). Only the latest request of a user is valid, and
 * only until `expiresAt` (ISO 8601). `emailAddress` is where the link goes: the account's address
 * when the request was made.
 */
export type PasswordResetWasRequested = DomainEvent<
  'PasswordResetWasRequested',
  { userId: string; resetId: string; emailAddress: string; secretHash: string; expiresAt: string }
>;
