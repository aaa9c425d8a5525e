import { StreamName } from '@coderscamp/event-sourcing';
import type { PasswordWasChanged } from '../../../shared/events/password-was-changed.event';

export type PasswordChangeDomainEvent = PasswordWasChanged;

/** One stream per user: changes of one user's password are decided one after another. */
export function passwordChangeStream(userId: string): StreamName {
  return StreamName.of('PasswordChange', userId);
}
