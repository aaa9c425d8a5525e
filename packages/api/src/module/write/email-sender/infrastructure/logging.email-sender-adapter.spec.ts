import { describe, expect, it } from 'vitest';
import { loggedEmail } from './logging.email-sender-adapter';

describe('loggedEmail', () => {
  it('given a mail with a link, then prints recipient and subject, then the text with the link alone on its line', () => {
    const link = 'http://localhost:4100/confirm-email?token=u1.secret';

    const printed = loggedEmail({
      to: 'ada@example.com',
      subject: 'Confirm your email address for CodersCamp',
      text: ['Welcome!', '', 'Confirm your email address:', link, '', 'Bye.'].join('\n'),
    });

    expect(printed).toBe(
      [
        'Email not sent (no SMTP_URL); here it is',
        '  To:      ada@example.com',
        '  Subject: Confirm your email address for CodersCamp',
        '',
        '  Welcome!',
        '',
        '  Confirm your email address:',
        `  ${link}`,
        '',
        '  Bye.',
      ].join('\n'),
    );
    expect(printed.split('\n').map((line) => line.trim())).toContain(link);
  });
});
