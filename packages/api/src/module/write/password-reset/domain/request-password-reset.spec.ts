import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import type { RequestPasswordReset } from '../../../shared/commands/request-password-reset.command';
import type { PasswordResetWasRequested } from '../../../shared/events/password-reset-was-requested.event';
import type { PasswordResetDomainEvent } from './events';
import { requestPasswordReset } from './request-password-reset';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const given = DeciderSpecification.for((past: PasswordResetDomainEvent[], command: RequestPasswordReset) => requestPasswordReset(past, command, `hash-of-${command.data.resetId}`, NOW));

const request = (resetId: string): RequestPasswordReset => ({
  type: 'RequestPasswordReset',
  data: { userId: 'user-1', resetId, emailAddress: 'jan@example.com' },
});
const requested = (resetId: string, expiresAt = '2026-03-01T12:30:00.000Z'): PasswordResetWasRequested => ({
  type: 'PasswordResetWasRequested',
  data: { userId: 'user-1', resetId, emailAddress: 'jan@example.com', secretHash: `hash-of-${resetId}`, expiresAt },
});

describe('request password reset', () => {
  it('given nothing happened, when requesting a reset, then it was requested with the secret hash, valid 30 minutes from now', () => {
    given([]).when(request('reset-1')).then([requested('reset-1')]);
  });

  it('given a reset was requested, when requesting another, then the new one was requested (it supersedes the first)', () => {
    given([requested('reset-1', '2026-03-01T11:50:00.000Z')]).when(request('reset-2')).then([requested('reset-2')]);
  });

  it('given a reset was requested, when the same request is redelivered, then nothing happens', () => {
    given([requested('reset-1')]).when(request('reset-1')).thenNothingHappened();
  });

  it('given the password was reset, when requesting a reset again, then it was requested', () => {
    given([requested('reset-1'), { type: 'PasswordWasReset', data: { userId: 'user-1', hashedPassword: 'hash' } }])
      .when(request('reset-2'))
      .then([requested('reset-2')]);
  });
});
