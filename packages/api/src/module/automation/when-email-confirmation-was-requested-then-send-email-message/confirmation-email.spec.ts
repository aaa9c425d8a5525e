import { describe, expect, it } from 'vitest';
import { confirmationEmail, confirmationLink } from './confirmation-email';

describe('confirmation email', () => {
  it('given the app URL and a token, then the link points at /confirm-email with the token as a query parameter', () => {
    expect(confirmationLink('https://app.example.com', 'user-1.s3cr3t')).toBe('https://app.example.com/confirm-email?token=user-1.s3cr3t');
    expect(confirmationLink('http://localhost:4000/', 'a+b')).toBe('http://localhost:4000/confirm-email?token=a%2Bb');
  });

  it('given a link, then the text and the HTML both carry it, the HTML escaped', () => {
    const mail = confirmationEmail('https://app.example.com/confirm-email?token=a&x=1');

    expect(mail.text).toContain('https://app.example.com/confirm-email?token=a&x=1');
    expect(mail.html).toContain('href="https://app.example.com/confirm-email?token=a&amp;x=1"');
  });
});
