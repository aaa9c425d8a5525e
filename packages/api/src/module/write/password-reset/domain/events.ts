import { StreamName } from '@coderscamp/event-sourcing';
import type { PasswordResetWasRequested } from '../../../shared/events/password-reset-was-requested.event';
import type { PasswordWasReset } from '../../../shared/events/password-was-reset.event';

export type PasswordResetDomainEvent = PasswordResetWasRequested | PasswordWasReset;

/** One stream per user: a newer request supersedes the older ones, which needs them side by side. */
export function passwordResetStream(userId: string): StreamName {
  return StreamName.of('PasswordReset', userId);
}
