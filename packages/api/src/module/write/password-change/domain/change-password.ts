import type { ChangePassword } from '../../../shared/commands/change-password.command';
import { CurrentPasswordIsWrong } from './errors';
import type { PasswordChangeDomainEvent } from './events';

/** What the handler found: the new password is hashed only once the current one proved right. */
export type CheckedCurrentPassword = Readonly<{ currentPasswordMatches: false } | { currentPasswordMatches: true; newHashedPassword: string }>;

/** Every change counts, even to the same password: it still ends the user's other sessions. */
export function changePassword(
  _pastEvents: readonly PasswordChangeDomainEvent[],
  command: ChangePassword,
  checked: CheckedCurrentPassword,
): PasswordChangeDomainEvent[] {
  const { userId, keptSessionId } = command.data;
  if (!checked.currentPasswordMatches) throw new CurrentPasswordIsWrong(userId);
  return [{ type: 'PasswordWasChanged', data: { userId, hashedPassword: checked.newHashedPassword, keptSessionId } }];
}
