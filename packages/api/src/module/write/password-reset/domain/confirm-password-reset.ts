import type { ConfirmPasswordReset } from '../../../shared/commands/confirm-password-reset.command';
import type { PasswordResetDomainEvent } from './events';
import { ensurePasswordResetCanBeConfirmed, passwordResetState } from './password-reset';

/** `hashedPassword` is the new password as the handler hashed it; `now` is the application's clock. */
export function confirmPasswordReset(
  pastEvents: PasswordResetDomainEvent[],
  command: ConfirmPasswordReset,
  hashedPassword: string,
  now: Date,
): PasswordResetDomainEvent[] {
  const { userId, secretHash } = command.data;
  ensurePasswordResetCanBeConfirmed(passwordResetState(pastEvents), secretHash, now);
  return [{ type: 'PasswordWasReset', data: { userId, hashedPassword } }];
}
