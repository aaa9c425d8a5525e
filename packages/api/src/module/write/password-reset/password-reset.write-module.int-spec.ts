import { StreamName } from '@coderscamp/event-sourcing';
import { testCommand } from '@coderscamp/event-sourcing/testing';
import { WriteModuleSpecification } from '@coderscamp/event-sourcing/testing/nestjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from '../../../../test/support/read-model-test-database';
import { ConfirmPasswordResetApplicationCommand } from '../../shared/commands/confirm-password-reset.command';
import { RequestPasswordResetApplicationCommand } from '../../shared/commands/request-password-reset.command';
import type { PasswordResetWasRequested } from '../../shared/events/password-reset-was-requested.event';
import { passwordResetSecret, passwordResetSecretHash } from '../../shared/password-reset-token';
import { verifyPassword } from '../../../shared/auth/scrypt-password';
import { PASSWORD_HASHER } from './application/password-hasher.port';
import { PasswordResetTokenExpired, PasswordResetTokenUnknown } from './domain/errors';
import { PasswordResetWriteModule } from './password-reset.write-module';

const SERVER_KEY = 'write-module-spec-secret-that-is-long-enough';
const secretHashOf = (resetId: string) => passwordResetSecretHash(passwordResetSecret(SERVER_KEY, resetId));
const request = (resetId: string) =>
  testCommand({ class: RequestPasswordResetApplicationCommand, type: 'RequestPasswordReset', data: { userId: 'user-1', resetId, emailAddress: 'jan@example.com' } });
const confirm = (secretHash: string) =>
  testCommand({ class: ConfirmPasswordResetApplicationCommand, type: 'ConfirmPasswordReset', data: { userId: 'user-1', secretHash, plainPassword: 'violet ocean tractor 42' }, id: 'command-2' });

describe('password reset write module', () => {
  let platform: ReadModelTestDatabase;
  let spec: WriteModuleSpecification;
  beforeAll(async () => {
    platform = await createReadModelTestDatabase();
  });
  afterAll(() => platform.drop());
  beforeEach(async () => {
    spec = await WriteModuleSpecification.for({ imports: [platform.platformModule({ JWT_SECRET: SERVER_KEY }), PasswordResetWriteModule] });
  });
  afterEach(() => spec.close());

  it('given nothing, when a reset is requested, then the request keeps the hash of the secret derived under the server key, valid 30 minutes from the clock', async () => {
    await spec.whenCommandExecuted(request('reset-1'));

    const expiresAt = new Date(spec.timeProvider.currentTime().getTime() + 30 * 60_000).toISOString();
    await spec.thenEventsPublished('PasswordReset_user-1', [
      { type: 'PasswordResetWasRequested', data: { userId: 'user-1', resetId: 'reset-1', emailAddress: 'jan@example.com', secretHash: secretHashOf('reset-1'), expiresAt } },
    ]);
  });

  it('given a request, when confirming within 30 minutes, then the password was reset to a verifiable hash of the new password', async () => {
    await spec.whenCommandExecuted(request('reset-1'));
    spec.timeProvider.advanceBy(29 * 60_000);
    await spec.whenCommandExecuted(confirm(secretHashOf('reset-1')));

    const { events } = await spec.eventStore.readStream(StreamName.parse('PasswordReset_user-1'));
    expect(events.map((event) => event.type)).toEqual(['PasswordResetWasRequested', 'PasswordWasReset']);
    const reset = events[1]!.data as { userId: string; hashedPassword: string };
    expect(reset.userId).toBe('user-1');
    expect(await verifyPassword('violet ocean tractor 42', reset.hashedPassword)).toBe(true);
  });

  it('given a request, when confirming 30 minutes later, then refused as expired, without hashing the password', async () => {
    await spec.whenCommandExecuted(request('reset-1'));
    const hashing = vi.spyOn(spec.module.get(PASSWORD_HASHER, { strict: false }), 'hash');
    spec.timeProvider.advanceBy(30 * 60_000);
    await spec.whenCommandExecuted(confirm(secretHashOf('reset-1')));

    await spec.thenCommandFailed(PasswordResetTokenExpired, (error) => expect(error.kind).toBe('gone'));
    expect(hashing).not.toHaveBeenCalled();
  });

  it('given a request stored by hash, when confirming with the secret itself instead of its hash, then refused as unknown', async () => {
    await spec.givenEventsOccurred('PasswordReset_user-1', [
      {
        type: 'PasswordResetWasRequested',
        data: { userId: 'user-1', resetId: 'reset-1', emailAddress: 'jan@example.com', secretHash: secretHashOf('reset-1'), expiresAt: '2099-01-01T00:00:00.000Z' },
      } satisfies PasswordResetWasRequested,
    ]);
    await spec.whenCommandExecuted(confirm(passwordResetSecret(SERVER_KEY, 'reset-1')));

    await spec.thenCommandFailed(PasswordResetTokenUnknown);
  });
});
