import { Logger } from '@nestjs/common';
import type { EmailSender, OutgoingEmail } from '../application/email-sender.port';

/**
 * Without SMTP_URL (e.g. `npm start` on a laptop) mails are written to the log, readably, so a
 * person can follow the confirmation link from there.
 */
export class LoggingEmailSender implements EmailSender {
  private readonly logger = new Logger('EmailSender');

  async send(email: OutgoingEmail): Promise<void> {
    this.logger.log({ msg: loggedEmail(email), emailMessageId: email.emailMessageId });
  }
}

/**
 * The plain-text part, framed by who it is for: its lines stay as written, so a link stands on a
 * line of its own and a terminal makes it clickable. The HTML part says the same and is left out.
 */
export function loggedEmail(email: Pick<OutgoingEmail, 'to' | 'subject' | 'text'>): string {
  const body = email.text
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');
  return [`Email not sent (no SMTP_URL); here it is`, `  To:      ${email.to}`, `  Subject: ${email.subject}`, '', body].join('\n');
}
