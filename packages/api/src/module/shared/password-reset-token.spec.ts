import { describe, expect, it } from 'vitest';
import { parsePasswordResetToken, passwordResetSecret, passwordResetSecretHash, passwordResetToken } from './password-reset-token';

describe('password reset tokens', () => {
  it('given a key and a request id, then the secret is URL-safe, repeatable, and another key or request gives another', () => {
    const secret = passwordResetSecret('key-1', 'reset-1');

    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(passwordResetSecret('key-1', 'reset-1')).toBe(secret);
    expect(passwordResetSecret('key-2', 'reset-1')).not.toBe(secret);
    expect(passwordResetSecret('key-1', 'reset-2')).not.toBe(secret);
  });

  it('given a secret, then its hash differs from it and is repeatable', () => {
    expect(passwordResetSecretHash('s3cr3t')).not.toBe('s3cr3t');
    expect(passwordResetSecretHash('s3cr3t')).toBe(passwordResetSecretHash('s3cr3t'));
  });

  it('given a token, then it names the user and the secret; malformed tokens name nothing', () => {
    expect(parsePasswordResetToken(passwordResetToken('user-1', 'abc_-1'))).toEqual({ userId: 'user-1', secret: 'abc_-1' });
    for (const malformed of ['', 'no-separator', '.secret-only', 'user-only.']) expect(parsePasswordResetToken(malformed)).toBeUndefined();
  });
});
