import { describe, expect, it } from 'vitest';
import { passwordResetEmail, passwordResetLink } from './password-reset-email';

describe('password reset email', () => {
  it('given the app URL and a token, then the link points at /reset-password with the token as a query parameter', () => {
    expect(passwordResetLink('https://app.example.com', 'user-1.s3cr3t')).toBe('https://app.example.com/reset-password?token=user-1.s3cr3t');
    expect(passwordResetLink('http://localhost:4000/', 'a+b')).toBe('http://localhost:4000/reset-password?token=a%2Bb');
  });

  it('given a link, then the text has it on a line of its own and the HTML carries it escaped', () => {
    const link = 'https://app.example.com/reset-password?token=a&x=1';
    const mail = passwordResetEmail(link);

    expect(mail.text.split('\n')).toContain(link);
    expect(mail.text).toContain('30 minutes');
    expect(mail.html).toContain('href="https://app.example.com/reset-password?token=a&amp;x=1"');
  });
});
