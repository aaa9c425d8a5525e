import type { RequestPasswordReset } from '../../../shared/commands/request-password-reset.command';
import type { PasswordResetDomainEvent } from './events';
import { PASSWORD_RESET_VALIDITY_MS, passwordResetState } from './password-reset';

/**
 * A new request supersedes every earlier link. `secretHash` is computed by the handler from the
 * request id (see `password-reset-token.ts`); `now` is the application's clock.
 */
export function requestPasswordReset(
  pastEvents: PasswordResetDomainEvent[],
  command: RequestPasswordReset,
  secretHash: string,
  now: Date,
): PasswordResetDomainEvent[] {
  const { userId, resetId, emailAddress } = command.data;
  // A redelivered request names a request id already issued; issuing it again would mail a second link.
  if (passwordResetState(pastEvents).requests.some((request) => request.resetId === resetId)) return [];

  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_VALIDITY_MS).toISOString();
  return [{ type: 'PasswordResetWasRequested', data: { userId, resetId, emailAddress, secretHash, expiresAt } }];
}
