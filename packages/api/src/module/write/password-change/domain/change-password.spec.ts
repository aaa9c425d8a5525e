import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { ChangePassword } from '../../../shared/commands/change-password.command';
import { changePassword, type CheckedCurrentPassword } from './change-password';
import { CurrentPasswordIsWrong } from './errors';
import type { PasswordChangeDomainEvent } from './events';

const change: ChangePassword = {
  type: 'ChangePassword',
  data: { userId: 'user-1', currentPassword: 'old password', newPassword: 'new password', keptSessionId: 'session-1' },
};
const changed = (hashedPassword: string) =>
  ({ type: 'PasswordWasChanged', data: { userId: 'user-1', hashedPassword, keptSessionId: 'session-1' } }) as const;
const givenChecked = (checked: CheckedCurrentPassword) =>
  DeciderSpecification.for((pastEvents: PasswordChangeDomainEvent[], command: ChangePassword) => changePassword(pastEvents, command, checked));

describe('change password', () => {
  it('given the current password matches, when changing it, then the password was changed and the session used is kept', () => {
    givenChecked({ currentPasswordMatches: true, newHashedPassword: 'hash-1' })([]).when(change).then([changed('hash-1')]);
  });

  it('given an earlier change, when changing it again, then it was changed again', () => {
    givenChecked({ currentPasswordMatches: true, newHashedPassword: 'hash-2' })([changed('hash-1')])
      .when(change)
      .then([changed('hash-2')]);
  });

  it('given a wrong current password, when changing it, then it is refused as invalid credentials', () => {
    givenChecked({ currentPasswordMatches: false })([]).when(change).thenThrows(CurrentPasswordIsWrong);
  });
});
