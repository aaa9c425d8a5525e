import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, expect, it } from 'vitest';
import type { ConfirmPasswordReset } from '../../../shared/commands/confirm-password-reset.command';
import type { PasswordResetWasRequested } from '../../../shared/events/password-reset-was-requested.event';
import type { PasswordWasReset } from '../../../shared/events/password-was-reset.event';
import { confirmPasswordReset } from './confirm-password-reset';
import { PasswordResetTokenExpired, PasswordResetTokenSuperseded, PasswordResetTokenUnknown, PasswordResetTokenUsed } from './errors';
import { passwordResetStream, type PasswordResetDomainEvent } from './events';

const REQUESTED_AT = Date.parse('2026-03-01T12:00:00.000Z');
const minutes = (count: number) => new Date(REQUESTED_AT + count * 60_000);
const givenAt = (now: Date, events: PasswordResetDomainEvent[]) =>
  DeciderSpecification.for((past: PasswordResetDomainEvent[], command: ConfirmPasswordReset) => confirmPasswordReset(past, command, 'new-hash', now))(events);

const requested = (resetId: string, expiresAt = minutes(30)): PasswordResetWasRequested => ({
  type: 'PasswordResetWasRequested',
  data: { userId: 'user-1', resetId, emailAddress: 'jan@example.com', secretHash: `hash-of-${resetId}`, expiresAt: expiresAt.toISOString() },
});
const reset = (hashedPassword = 'new-hash'): PasswordWasReset => ({ type: 'PasswordWasReset', data: { userId: 'user-1', hashedPassword } });
const confirm = (resetId: string): ConfirmPasswordReset => ({
  type: 'ConfirmPasswordReset',
  data: { userId: 'user-1', secretHash: `hash-of-${resetId}`, plainPassword: 'violet ocean tractor 42' },
});

describe('confirm password reset', () => {
  it('given a reset was requested, when confirming its link within 30 minutes, then the password was reset to the new hash', () => {
    givenAt(minutes(29), [requested('reset-1')]).when(confirm('reset-1')).then([reset()]);
  });

  it('given nothing was requested, when confirming a link, then it is refused as unknown (404)', () => {
    givenAt(minutes(1), [])
      .when(confirm('reset-1'))
      .thenThrows(PasswordResetTokenUnknown, (error) => expect(error.kind).toBe('not-found'));
  });

  it('given a reset was requested, when confirming a link never issued, then it is refused as unknown', () => {
    givenAt(minutes(1), [requested('reset-1')]).when(confirm('forged')).thenThrows(PasswordResetTokenUnknown);
  });

  it('given a reset was requested, when confirming its link at 30 minutes or later, then it is refused as expired (410)', () => {
    givenAt(minutes(30), [requested('reset-1')])
      .when(confirm('reset-1'))
      .thenThrows(PasswordResetTokenExpired, (error) => {
        expect(error.kind).toBe('gone');
        expect(error.code).toBe('PASSWORD_RESET_TOKEN_EXPIRED');
      });
  });

  it('given the link was used, when confirming it again, then it is refused as used (409)', () => {
    givenAt(minutes(5), [requested('reset-1'), reset()])
      .when(confirm('reset-1'))
      .thenThrows(PasswordResetTokenUsed, (error) => expect(error.kind).toBe('conflict'));
  });

  it('given the link was used and has expired since, when confirming it again, then it is refused as used', () => {
    givenAt(minutes(60), [requested('reset-1'), reset()]).when(confirm('reset-1')).thenThrows(PasswordResetTokenUsed);
  });

  it('given a newer request superseded a link, when confirming the older link, then it is refused as superseded (409)', () => {
    givenAt(minutes(5), [requested('reset-1'), requested('reset-2')])
      .when(confirm('reset-1'))
      .thenThrows(PasswordResetTokenSuperseded, (error) => expect(error.kind).toBe('conflict'));
  });

  it('given a newer request superseded a link, when confirming the newer link, then the password was reset', () => {
    givenAt(minutes(5), [requested('reset-1'), requested('reset-2')]).when(confirm('reset-2')).then([reset()]);
  });

  it('given a reset was completed and a new one requested, when confirming the new link, then the password was reset', () => {
    givenAt(minutes(10), [requested('reset-1'), reset('first-hash'), requested('reset-2', minutes(40))]).when(confirm('reset-2')).then([reset()]);
  });

  it('given a user, when naming the stream, then it is PasswordReset_<userId>', () => {
    expect(passwordResetStream('user-1').toString()).toBe('PasswordReset_user-1');
  });
});
